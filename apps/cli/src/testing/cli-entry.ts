import { join } from 'node:path';
import { builtIsCurrent, libProjects, repositoryRoot as root } from '@tsforecast/config/testing';

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
    process.env['TEST_CLI'] !== 'source' && cliBuiltIsCurrent()
      ? { command: process.execPath, args: [join(root, 'apps/cli/dist/main.js')], built: true }
      : { command: join(root, 'node_modules/.bin/tsx'), args: [join(root, 'apps/cli/src/main.ts')], built: false };
  return entry;
}

let entry: CliEntry | undefined;

/** Whether the built CLI and every lib's `dist/` are current (a lib's test entry, `src/testing.ts` or `src/testing/`, is for specs only: the CLI never loads it). */
function cliBuiltIsCurrent(): boolean {
  return builtIsCurrent([
    { dir: join(root, 'apps/cli'), skip: /\.spec\.ts$|^testing\// },
    ...libProjects(/^testing\.ts$|^testing\/|(^|\/)(fixtures|golden)\//),
  ]);
}
