import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importedPackages, libNames, moduleSpecifiers, wantedManifest } from './lib-manifests';

const root = join(__dirname, '../..');

describe('lib package.json files', () => {
  it('covers every lib', () => {
    expect(libNames()).toEqual(expect.arrayContaining(['config', 'data', 'model', 'service', 'app']));
  });

  it.each(libNames())('libs/%s/package.json has the entry points and exactly the dependencies of its build (npm run manifests)', (lib) => {
    const current: unknown = JSON.parse(readFileSync(join(root, 'libs', lib, 'package.json'), 'utf8'));
    expect(current).toEqual(wantedManifest(lib));
  });

  it('finds imports, re-exports, import(), require() and require.resolve(), not strings that only look like them', () => {
    const text = [
      "import a from 'a';",
      "import type { B } from '@b/b/sub';",
      "export * from './c';",
      "const d = () => import('d');",
      "require('e');",
      "require.resolve('f');",
      "const g = `require('g')`;",
    ].join('\n');
    expect(moduleSpecifiers('x.ts', text)).toEqual(['a', '@b/b/sub', './c', 'd', 'e', 'f']);
  });

  it('counts packages, not Node built-ins, relative files or the lib itself', () => {
    const config = importedPackages('config');
    expect(config).toEqual(expect.arrayContaining(['zod', 'yaml']));
    expect(config.some((name) => name.startsWith('node:') || name === 'fs' || name.startsWith('.'))).toBe(false);
    expect(config).not.toContain('@tsforecast/config');
  });
});
