import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importedPackages, libNames, wantedManifest } from './lib-manifests';

const root = join(__dirname, '../..');

describe('lib package.json files', () => {
  it('covers every lib', () => {
    expect(libNames()).toEqual(expect.arrayContaining(['config', 'data', 'model', 'service', 'app']));
  });

  it.each(libNames())('libs/%s/package.json has the entry points and exactly the dependencies of its build (npm run manifests)', (lib) => {
    const current: unknown = JSON.parse(readFileSync(join(root, 'libs', lib, 'package.json'), 'utf8'));
    expect(current).toEqual(wantedManifest(lib));
  });

  it('counts static, type-only and dynamic imports of packages, not Node built-ins or relative files', () => {
    const config = importedPackages('config');
    expect(config).toEqual(expect.arrayContaining(['zod', 'yaml']));
    expect(config.some((name) => name.startsWith('node:') || name === 'fs' || name.startsWith('.'))).toBe(false);
    expect(config).not.toContain('@tsforecast/config');
  });
});
