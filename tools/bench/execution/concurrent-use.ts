/**
 * The "Concurrent use" bar of issue 10 (and issue 12's "Embedded default"):
 * on a fresh DATA_DIR with DATABASE_URL unset, start the API, `cli train` and
 * `cli runs list` at the same moment; all must succeed, on one PostgreSQL
 * server. Then, with that server warm, time `cli runs list` (start-up of a
 * command that touches the database) and the database open alone.
 *
 *   npx tsx tools/bench/execution/concurrent-use.ts [--repeats 5]
 *
 * One JSON line per scenario: `concurrent-use`, then `startup`.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '@tsforecast/config';
import { openDatabase, stopEmbeddedServer } from '@tsforecast/db';

const root = resolve(__dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const cliMain = join(root, 'apps/cli/src/main.ts');
const apiMain = join(root, 'apps/api/src/server.ts');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

/** Runs a tsx program to its end. */
function run(main: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  const began = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(tsx, [main, ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: Date.now() - began }));
  });
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Polls `url` until it answers 200; seconds it took, or null at the deadline. */
async function waitFor200(url: string, timeoutMs: number): Promise<number | null> {
  const began = Date.now();
  while (Date.now() - began < timeoutMs) {
    try {
      if ((await fetch(url)).status === 200) return (Date.now() - began) / 1000;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return null;
}

/** Postmaster processes running on `pgdata` (Linux /proc): must be exactly one. */
function postmastersOn(pgdata: string): number {
  let count = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('/postgres') && argv.includes('-D') && argv[argv.indexOf('-D') + 1] === pgdata) count += 1;
    } catch {
      // exited meanwhile
    }
  }
  return count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const repeats = Number(arg('repeats', '5'));
  const home = mkdtempSync(join(tmpdir(), 'tsf-concurrent-'));
  chmodSync(home, 0o755); // as root the server runs as 'postgres', which must reach its folder
  const dataDir = join(home, 'data');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    MODEL_DIR: join(home, 'models'),
    OUTPUT_DIR: join(home, 'out'),
    LOG_DIR: join(home, 'logs'),
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
  };
  delete env['DATABASE_URL'];
  const api = spawn(tsx, [apiMain], { cwd: root, env, detached: true });
  let apiErr = '';
  api.stderr.on('data', (chunk: Buffer) => (apiErr += chunk.toString()));
  try {
    const began = Date.now();
    // The three start at the same moment on a folder with no database yet.
    const [train, list, apiReady] = await Promise.all([
      run(cliMain, ['train', '--models', 'SeasonalNaive,Naive', '--horizons', '12', '--experiment', 'concurrent'], env),
      run(cliMain, ['runs', 'list'], env),
      waitFor200(`http://127.0.0.1:${port}/ready`, 300_000),
    ]);
    const after = await run(cliMain, ['runs', 'list', '--experiment', 'concurrent'], env);
    const apiStillReady = await waitFor200(`http://127.0.0.1:${port}/ready`, 5_000);
    const pgdata = join(dataDir, 'postgres', 'data');
    process.stdout.write(
      `${JSON.stringify({
        bench: 'concurrent-use',
        api_ready: apiReady !== null && apiStillReady !== null,
        api_ready_s: apiReady,
        train_exit: train.code,
        train_s: train.ms / 1000,
        runs_list_exit: list.code,
        runs_list_after_exit: after.code,
        train_runs_listed_after: after.stdout.split('\n').filter((line) => /\bcompleted\b/.test(line)).length,
        postgres_servers: postmastersOn(pgdata),
        wall_s: (Date.now() - began) / 1000,
        load_1m: loadavg()[0],
      })}\n`,
    );
    for (const [name, result] of [
      ['train', train],
      ['runs list', list],
      ['runs list (after)', after],
    ] as const) {
      if (result.code !== 0) process.stderr.write(`${name} failed (exit ${result.code}):\n${result.stderr.slice(-2000)}\n`);
    }
    if (apiReady === null) process.stderr.write(`the API never became ready:\n${apiErr.slice(-2000)}\n`);

    // Start-up with the server warm (and the API still connected to it).
    const listMs: number[] = [];
    for (let i = 0; i < repeats; i += 1) listMs.push((await run(cliMain, ['runs', 'list', '--limit', '5'], env)).ms);
    const openMs: number[] = [];
    for (let i = 0; i < repeats; i += 1) {
      const t = performance.now();
      const database = await openDatabase({ DATABASE_URL: undefined, DATA_DIR: dataDir }, silentLogger);
      openMs.push(performance.now() - t);
      await database.close();
    }
    const nodeMs: number[] = [];
    for (let i = 0; i < repeats; i += 1) nodeMs.push((await run(join(root, 'tools/bench/execution/noop.ts'), [], env)).ms);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'startup',
        command: 'runs list --limit 5',
        repeats,
        median_ms: Math.round(median(listMs)),
        all_ms: listMs,
        open_database_median_ms: Math.round(median(openMs)),
        tsx_noop_median_ms: Math.round(median(nodeMs)),
        load_1m: loadavg()[0],
      })}\n`,
    );
  } finally {
    if (api.pid !== undefined) {
      try {
        process.kill(-api.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await sleep(500);
    await stopEmbeddedServer(dataDir, '/', silentLogger);
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
