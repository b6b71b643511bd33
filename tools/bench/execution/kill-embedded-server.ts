import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { silentLogger } from '@tsforecast/config';
import { openDatabase, stopEmbeddedServer } from '@tsforecast/db';
import { PgBossJobQueue } from '@tsforecast/execution';
import { countLeftovers, type Query } from './kill-leftovers';
import { runningWorkerPids, trainRunJobs, type KillOptions } from './kill-workers';
import { spawnCliWorker, WorkerProcesses } from './worker-processes';

/** Options of the embedded-server kill scenario. */
export type EmbeddedKillOptions = Pick<KillOptions, 'jobs' | 'workers' | 'data' | 'models' | 'maxSteps' | 'timeoutMinutes'>;

/**
 * Kill-safety of the embedded PostgreSQL server: `cli worker` processes with
 * DATABASE_URL unset and DATA_DIR in a temp folder, all on the one embedded
 * server under `<DATA_DIR>/postgres`. That server is detached (`pg_ctl start`
 * in its own session): no tsforecast process owns it, so the crash is
 * `kill -9` of its postmaster, once a run is `running`. A worker that loses
 * the database may exit (a supervisor restarts it: here a replacement starts
 * a second later); the next process that opens the database finds the stale
 * `postmaster.pid`, starts the server again (PostgreSQL replays its WAL) and
 * the queue carries on. Counts the same leftovers as the worker kill scenario.
 */
export async function benchKillEmbeddedServer(options: EmbeddedKillOptions): Promise<Record<string, unknown>> {
  const root = mkdtempSync(join(tmpdir(), 'tsf-kill-embedded-'));
  // mkdtemp makes it 0700; the server runs as 'postgres' when the bench runs as root and must reach DATA_DIR.
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const modelDir = join(root, 'models');
  mkdirSync(modelDir);
  const pgdata = join(dataDir, 'postgres', 'data');
  const { DATABASE_URL: _unset, ...inherited } = process.env;
  const env = { ...inherited, DATA_DIR: dataDir, MODEL_DIR: modelDir, LOG_LEVEL: 'warn' };
  try {
    // This process starts the server (initdb, migrations) and queues the jobs; then it holds no connection.
    const database = await openDatabase({ DATABASE_URL: undefined, DATA_DIR: dataDir }, silentLogger, { migrate: true });
    const queue = new PgBossJobQueue(database);
    const ids = await queue.enqueue('train-run', trainRunJobs({ ...options, runner: 'cli' }, modelDir));
    await queue.close();
    await database.close();

    const started = performance.now();
    let serverKilledAt: number | undefined;
    const workers = new WorkerProcesses(
      () => spawnCliWorker(['apps/cli/src/main.ts', 'worker', '--concurrency', '1', '--model-dir', modelDir], env),
      // A worker that lost its database may exit: replaced, as a supervisor would. Before the kill it is a failure.
      () => serverKilledAt !== undefined,
    );
    for (let i = 0; i < options.workers; i++) workers.start();
    try {
      let serverBackSeconds: number | undefined;
      const deadline = Date.now() + options.timeoutMinutes * 60_000;
      let timedOut = false;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (Date.now() > deadline) {
          timedOut = true;
          break;
        }
        if (serverKilledAt === undefined && workers.unexpectedExits.length > 0) {
          throw new Error(`a worker exited before the server was killed: ${workers.unexpectedExits.join('; ')}`);
        }
        const counts = await withServer(dataDir, async (query) => {
          const [row] = await query<{ ended: string; running: string }>(
            `SELECT (SELECT count(*) FROM pgboss.job WHERE id = ANY($1) AND state IN ('completed', 'failed', 'cancelled')) AS ended,
                    (SELECT count(*) FROM runs WHERE status = 'running') AS running`,
            [ids],
          );
          return { ended: Number(row!.ended), running: (await runningWorkerPids(query)).size };
        });
        if (counts === null) continue; // the server is down (killed, or being started again)
        if (serverKilledAt !== undefined && serverBackSeconds === undefined)
          serverBackSeconds = (performance.now() - serverKilledAt) / 1000;
        if (counts.ended === ids.length) break;
        if (serverKilledAt === undefined && counts.running > 0) {
          const pid = Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
          process.kill(pid, 'SIGKILL');
          serverKilledAt = performance.now();
        }
      }
      const wallSeconds = (performance.now() - started) / 1000;
      await workers.stopAll();
      const leftovers = await withServer(dataDir, (query) => countLeftovers(query, ids, modelDir));
      return {
        bench: 'kill',
        runner: 'cli-embedded',
        jobs: options.jobs,
        models: options.models.join(','),
        max_steps: options.maxSteps,
        workers: options.workers,
        server_kills: serverKilledAt === undefined ? 0 : 1,
        server_back_s: serverBackSeconds === undefined ? null : Math.round(serverBackSeconds * 10) / 10,
        worker_exits_after_server_kill: workers.unexpectedExits.length,
        ...leftovers,
        wall_s: Math.round(wallSeconds),
        ...(timedOut ? { timed_out: true } : {}),
      };
    } finally {
      await workers.stopAll();
    }
  } finally {
    if (existsSync(pgdata)) await stopEmbeddedServer(dataDir, root, silentLogger).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Runs `work` on a fresh connection to the embedded server if one answers now (port from `postmaster.pid`,
 * the password file); null when none does. Never starts the server: the workers must bring it back.
 */
async function withServer<T>(dataDir: string, work: (query: Query) => Promise<T>): Promise<T | null> {
  let port: number;
  let password: string;
  try {
    port = Number(readFileSync(join(dataDir, 'postgres', 'data', 'postmaster.pid'), 'utf8').split('\n')[3]);
    password = readFileSync(join(dataDir, 'postgres', 'password'), 'utf8').trim();
  } catch {
    return null;
  }
  const client = new Client({ host: '127.0.0.1', port, user: 'tsforecast', password, database: 'postgres', connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    return await work(async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[]);
  } finally {
    await client.end().catch(() => undefined);
  }
}
