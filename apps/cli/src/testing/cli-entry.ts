import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

/** How the end-to-end tests start the CLI: a program and the arguments before the CLI's own. */
export interface CliEntry {
  readonly command: string;
  readonly args: readonly string[];
  /** True when it is the built program (`apps/cli/dist/main.js`, libs from their `dist/`). */
  readonly built: boolean;
}

/**
 * The built CLI (`node apps/cli/dist/main.js`) when every built file is at
 * least as new as its source, else the sources under tsx
 * (`tsx apps/cli/src/main.ts`). Both run the same code; the built one starts
 * 1–3 s of CPU faster per process and its job processes run without tsx
 * too, which is most of the CLI tests' time. `TEST_CLI=source` forces the
 * sources. Decided once per test file.
 */
export function cliEntry(): CliEntry {
  entry ??=
    process.env['TEST_CLI'] !== 'source' && builtIsCurrent()
      ? { command: process.execPath, args: [join(root, 'apps/cli/dist/main.js')], built: true }
      : { command: join(root, 'node_modules/.bin/tsx'), args: [join(root, 'apps/cli/src/main.ts')], built: false };
  return entry;
}

let entry: CliEntry | undefined;

/**
 * Whether `dist/` of the CLI and of every lib holds, for each source file the
 * CLI may load, a `.js` file written after the source was last changed (a
 * source edited, added or renamed since the last build means no).
 */
function builtIsCurrent(): boolean {
  const projects = [
    { dir: join(root, 'apps/cli'), skip: /\.spec\.ts$|^testing\// },
    // A lib's test entry (`src/testing.ts`, `src/testing/`) is for specs only: the CLI never loads it.
    ...readdirSync(join(root, 'libs')).map((lib) => ({
      dir: join(root, 'libs', lib),
      skip: /\.spec\.ts$|^testing\.ts$|^testing\/|(^|\/)(fixtures|golden)\//,
    })),
  ];
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
