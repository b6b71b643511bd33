/**
 * CLI start-up time: the built CLI (`node apps/cli/dist/main.js`, what
 * `nx run cli:*` runs) beside the source run through tsx (`npm run cli`), for
 * `--help`, `models` and a command that opens the database (`experiments list`
 * on the embedded PostgreSQL server, after one untimed `migrate` that creates
 * and starts it; it is stopped at the end).
 *
 *   npm run bench:startup                       # builds the CLI (cached), 7 runs each
 *   npm run bench:startup -- --runs 11 --runners built
 *
 * Prints one JSON line per command × runner: the median wall time of a whole
 * process (spawn to exit), the runs, and the 1-minute load average, since the
 * figure means little on a busy machine.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const runners = {
  built: [process.execPath, join(root, 'apps/cli/dist/main.js')],
  tsx: [join(root, 'node_modules/.bin/tsx'), join(root, 'apps/cli/src/main.ts')],
} as const;
type RunnerName = keyof typeof runners;

const commands: readonly (readonly string[])[] = [['--help'], ['models'], ['experiments', 'list']];

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Wall milliseconds of one CLI process, spawn to exit; throws when it fails. */
function timeOnce(runner: RunnerName, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const [command, ...prefix] = runners[runner];
  const started = process.hrtime.bigint();
  const run = spawnSync(command, [...prefix, ...args], { cwd: root, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${runner} ${args.join(' ')} exited ${run.status}: ${run.stderr.trim()}`);
  return ms;
}

function main(): void {
  const runs = Number(flag('runs', '7'));
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`'--runs' must be a positive integer, got ${flag('runs', '7')}`);
  const chosen = flag('runners', 'built,tsx').split(',') as RunnerName[];
  for (const runner of chosen) {
    if (!(runner in runners)) throw new RangeError(`'--runners' takes built and/or tsx, got '${runner}'`);
  }
  if (chosen.includes('built') && !existsSync(runners.built[1]))
    throw new Error(`${runners.built[1]} is missing: run npx nx run cli:build`);
  const sandbox = mkdtempSync(join(tmpdir(), 'tsf-bench-startup-'));
  // As root, the embedded server runs as 'postgres', which must be able to reach its folder.
  chmodSync(sandbox, 0o755);
  const env = {
    ...process.env,
    DATA_DIR: join(sandbox, 'data'),
    MODEL_DIR: join(sandbox, 'models'),
    OUTPUT_DIR: join(sandbox, 'out'),
    LOG_DIR: join(sandbox, 'logs'),
    LOG_LEVEL: 'warn',
  };
  try {
    // Creates and migrates the embedded database, so the timed runs only open it.
    timeOnce(chosen[0]!, ['migrate'], env);
    for (const args of commands) {
      for (const runner of chosen) {
        const times = Array.from({ length: runs }, () => timeOnce(runner, args, env));
        const line = {
          bench: 'startup',
          command: args.join(' '),
          runner,
          median_ms: Math.round(median(times)),
          min_ms: Math.round(Math.min(...times)),
          runs,
          load_avg_1m: Number(loadavg()[0]!.toFixed(2)),
        };
        process.stdout.write(JSON.stringify(line) + '\n');
      }
    }
  } finally {
    // The embedded server outlives each command by design; the sandbox's goes with the sandbox.
    spawnSync(runners.built[0], [runners.built[1], 'db', 'stop'], { cwd: root, env, stdio: 'ignore' });
    rmSync(sandbox, { recursive: true, force: true });
  }
}

main();
