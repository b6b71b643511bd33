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
 * process (spawn to exit), its median CPU time (user + system, where GNU time
 * is installed), the runs, and the 1-minute load average — on a busy machine
 * the wall time mostly measures the wait for a core. A first line times
 * `node -e 0`, the floor.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

interface Timing {
  wallMs: number;
  /** User + system CPU of the process, from GNU time where it is installed. */
  cpuMs?: number;
}

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall (and CPU) milliseconds of one process, spawn to exit; throws when it fails. */
function timeOnce(argv: readonly string[], env: NodeJS.ProcessEnv, cpuFile: string): Timing {
  const [command, ...args] = gnuTime ? [gnuTime, '-f', '%U %S', '-o', cpuFile, ...argv] : argv;
  const started = process.hrtime.bigint();
  const run = spawnSync(command!, args, { cwd: root, env, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${argv.join(' ')} exited ${run.status}: ${run.stderr.trim()}`);
  if (!gnuTime) return { wallMs };
  const [user, system] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { wallMs, cpuMs: (user! + system!) * 1000 };
}

function report(command: string, runner: string, timings: readonly Timing[]): void {
  const cpu = timings.flatMap((t) => (t.cpuMs === undefined ? [] : [t.cpuMs]));
  const line = {
    bench: 'startup',
    command,
    runner,
    median_ms: Math.round(median(timings.map((t) => t.wallMs))),
    min_ms: Math.round(Math.min(...timings.map((t) => t.wallMs))),
    ...(cpu.length > 0 ? { median_cpu_ms: Math.round(median(cpu)) } : {}),
    runs: timings.length,
    load_avg_1m: Number(loadavg()[0]!.toFixed(2)),
  };
  process.stdout.write(JSON.stringify(line) + '\n');
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
  const cpuFile = join(sandbox, 'cpu.txt');
  const cli = (runner: RunnerName, args: readonly string[]) => timeOnce([...runners[runner], ...args], env, cpuFile);
  try {
    // Creates and starts the embedded server and migrates it, so the timed runs only open it.
    cli(chosen[0]!, ['migrate']);
    // The floor: a process that loads nothing.
    report(
      '(node -e 0)',
      'node',
      Array.from({ length: runs }, () => timeOnce([process.execPath, '-e', '0'], env, cpuFile)),
    );
    for (const args of commands) {
      for (const runner of chosen) {
        report(
          args.join(' '),
          runner,
          Array.from({ length: runs }, () => cli(runner, args)),
        );
      }
    }
  } finally {
    // The embedded server outlives each command by design; the sandbox's goes with the sandbox.
    spawnSync(runners.built[0], [runners.built[1], 'db', 'stop'], { cwd: root, env, stdio: 'ignore' });
    rmSync(sandbox, { recursive: true, force: true });
  }
}

main();
