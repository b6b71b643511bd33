import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file is libs/config/src/testing/, or libs/config/dist/testing/ once built). */
export const repositoryRoot = resolve(__dirname, '../../../..');

/** A project whose `src/**\/*.ts` files (but those `skip` matches, relative to `src/`) build to `dist/`. */
export interface BuiltProject {
  readonly dir: string;
  readonly skip: RegExp;
}

/** Every lib under `libs/`, skipping spec files and `skip`. */
export function libProjects(skip?: RegExp): BuiltProject[] {
  return readdirSync(join(repositoryRoot, 'libs')).map((lib) => ({
    dir: join(repositoryRoot, 'libs', lib),
    skip: skip === undefined ? /\.spec\.ts$/ : new RegExp(`\\.spec\\.ts$|${skip.source}`),
  }));
}

/**
 * Whether each project's `dist/` holds, for every source file, a `.js` file
 * written after the source was last changed (a source edited, added or
 * renamed since the last build means no). Tests use it to start built
 * programs — the CLI, job processes — which start 1–3 s of CPU faster than
 * the same sources under tsx, and fall back to the sources otherwise.
 */
export function builtIsCurrent(projects: readonly BuiltProject[]): boolean {
  return projects.every(({ dir, skip }) =>
    sourceFiles(join(dir, 'src'))
      .filter((file) => !skip.test(file))
      .every((file) => {
        const built = join(dir, 'dist', file.replace(/\.ts$/, '.js'));
        return existsSync(built) && statSync(built).mtimeMs >= statSync(join(dir, 'src', file)).mtimeMs;
      }),
  );
}

/** Paths of the `.ts` files under `dir`, relative to it. */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
}
