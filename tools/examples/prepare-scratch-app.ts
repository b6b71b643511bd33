/**
 * Turns a copy of examples/packed-libs in a scratch folder into an app that
 * installs the packed libs: its package.json depends on each tarball (and
 * overrides every `@tsforecast/*` edge to it, so npm never asks a registry for
 * them), and its package-lock.json is seeded with the workspace's locked
 * versions, so `npm install --prefer-offline` installs from the npm cache what
 * CI tested instead of resolving the newest versions anew.
 *
 *   tsx tools/examples/prepare-scratch-app.ts <app folder> <tarballs folder>
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  link?: boolean;
  [field: string]: unknown;
}
interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}
interface AppManifest {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
}

const root = resolve(__dirname, '../..');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** `tsforecast-model-0.1.0.tgz` → `@tsforecast/model`. */
function packageOfTarball(file: string): string {
  const match = /^tsforecast-(.+)-\d+\.\d+\.\d+\.tgz$/.exec(file);
  if (!match) throw new Error(`'${file}' is not a tarball of npm pack of an @tsforecast lib (tsforecast-<lib>-<version>.tgz)`);
  return `@tsforecast/${match[1]}`;
}

function main(appDir: string, tarballDir: string): void {
  const manifestPath = join(appDir, 'package.json');
  const manifest = readJson<AppManifest>(manifestPath);
  manifest.overrides = {};
  for (const file of readdirSync(tarballDir).filter((f) => f.endsWith('.tgz'))) {
    const name = packageOfTarball(file);
    manifest.dependencies[name] = `file:${relative(appDir, join(tarballDir, file))}`;
    // `$name`: the same spec as the direct dependency, for every lib that depends on it.
    manifest.overrides[name] = `$${name}`;
  }
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

  // The workspace's third-party packages at their locked versions; npm prunes what the app does not need.
  const workspaceLock = readJson<Lockfile>(join(root, 'package-lock.json'));
  const packages: Record<string, LockEntry> = { '': { name: manifest.name, version: manifest.version } };
  for (const [path, entry] of Object.entries(workspaceLock.packages)) {
    if (path.startsWith('node_modules/') && !path.startsWith('node_modules/@tsforecast/') && !entry.link) packages[path] = entry;
  }
  const lock: Lockfile = {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: workspaceLock.lockfileVersion,
    requires: true,
    packages,
  };
  writeFileSync(join(appDir, 'package-lock.json'), JSON.stringify(lock, null, 2) + '\n');
}

const [appDir, tarballDir] = process.argv.slice(2);
if (appDir === undefined || tarballDir === undefined) {
  process.stderr.write('usage: tsx tools/examples/prepare-scratch-app.ts <app folder> <tarballs folder>\n');
  process.exit(2);
}
main(resolve(appDir), resolve(tarballDir));
