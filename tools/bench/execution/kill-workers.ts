import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgBossJobQueue, waitForJobs, type TrainRunJob } from '@tsforecast/execution';
import type { BenchDatabase } from './bench-database';
import { countLeftovers, type Query } from './kill-leftovers';
import { spawnCliWorker, WorkerProcesses } from './worker-processes';

/** Options of the kill scenario. */
export interface KillOptions {
  jobs: number;
  workers: number;
  kills: number;
  /** Seconds between kills. */
  killEvery: number;
  /** `cli`: real `cli worker` processes training real models; `fixture`: bench workers running sleep jobs. */
  runner: 'cli' | 'fixture';
  /** For `cli`: the CSV and models to train. */
  data: string;
  models: string[];
  maxSteps: number;
  /** Minutes to wait for the jobs; after that the line reports what it found, with `timed_out: true`. */
  timeoutMinutes: number;
}

/**
 * Kill-safety: `jobs` jobs, `workers` worker processes, `kill -9` of a worker
 * whose run is `running`, `kills` times (a replacement starts a second later), then counts what
 * the kills left: jobs completed exactly once (one completed run per job, one
 * model version per completed run), runs left `running`, partial files and
 * model directories no model version points to. A worker exiting on its own fails the scenario.
 */
export async function benchKill(db: BenchDatabase, options: KillOptions): Promise<Record<string, unknown>> {
  const modelDir = mkdtempSync(join(tmpdir(), 'tsf-kill-models-'));
  const queue = new PgBossJobQueue(db.database);
  const ids = await queue.enqueue('train-run', trainRunJobs(options, modelDir));
  const started = performance.now();
  const args =
    options.runner === 'cli'
      ? ['apps/cli/src/main.ts', 'worker', '--concurrency', '1', '--database-url', db.url, '--model-dir', modelDir, '--log-level', 'warn']
      : ['tools/bench/execution/bench-worker.ts', db.url, '1'];
  const workers = new WorkerProcesses(
    () => spawnCliWorker(args),
    () => false,
  );
  for (let i = 0; i < options.workers; i++) workers.start();
  const query: Query = async <T>(sql: string, params: unknown[] = []) => (await db.database.dataSource.query(sql, params)) as T[];
  let kills = 0;
  const killer = setInterval(() => {
    if (kills >= options.kills) return;
    void runningWorkerPids(query).then((running) => {
      const victim = workers.pids().find((pid) => running.has(pid));
      if (victim === undefined || kills >= options.kills) return;
      workers.killAndReplace(victim);
      kills++;
    });
  }, options.killEvery * 1000);
  try {
    const timedOut = await Promise.race([
      waitForJobs(queue, 'train-run', ids, { pollMs: 1000, timeoutMs: options.timeoutMinutes * 60_000 }).then(
        () => false,
        (error: unknown) => {
          if (error instanceof Error && /still not ended/.test(error.message)) return true;
          throw error;
        },
      ),
      failOnUnexpectedExit(workers),
    ]);
    const wallSeconds = (performance.now() - started) / 1000;
    clearInterval(killer);
    await workers.stopAll();
    return {
      bench: 'kill',
      runner: options.runner,
      jobs: options.jobs,
      ...(options.runner === 'cli' ? { models: options.models.join(','), max_steps: options.maxSteps } : {}),
      workers: options.workers,
      kills,
      ...(await countLeftovers(query, ids, modelDir)),
      wall_s: Math.round(wallSeconds),
      ...(timedOut ? { timed_out: true } : {}),
    };
  } finally {
    clearInterval(killer);
    await workers.stopAll();
    await queue.close();
    rmSync(modelDir, { recursive: true, force: true });
  }
}

/**
 * Pids of the workers (on this host) whose run is `running` now (lease beaten in the last 10 s): killing one during
 * its job process's start-up (lease written, run not started yet) tests less — no run is left for the reaper to fail.
 */
export async function runningWorkerPids(query: Query): Promise<Set<number>> {
  const rows = await query<{ worker_id: string }>(
    `SELECT DISTINCT h.worker_id FROM run_heartbeats h JOIN runs r ON r.id = h.run_id
     WHERE h.beat_at > now() - interval '10 seconds' AND r.status = 'running'`,
  );
  return new Set(rows.map((row) => Number(row.worker_id.split(':').pop())));
}

/** Rejects when a worker exits that nobody killed or stopped (checked every second, until the workers are stopped). */
async function failOnUnexpectedExit(workers: WorkerProcesses): Promise<boolean> {
  while (!workers.stopped) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (workers.unexpectedExits.length > 0) throw new Error(`a worker exited on its own: ${workers.unexpectedExits.join('; ')}`);
  }
  return false;
}

/** The scenario's `train-run` jobs: models round-robin, horizons 6, 12, 18, 24 (`Sleep` jobs for the fixture runner). */
export function trainRunJobs(
  options: Pick<KillOptions, 'jobs' | 'runner' | 'data' | 'models' | 'maxSteps'>,
  modelDir: string,
): TrainRunJob[] {
  // The sha256 of the bytes a request read: the job runner refuses a file that changed since.
  const fingerprint = options.runner === 'fixture' ? '' : createHash('sha256').update(readFileSync(options.data)).digest('hex');
  const hyperparameters: TrainRunJob['hyperparameters'] =
    options.runner === 'fixture' ? { steps: 20, stepMs: 100 } : { maxSteps: options.maxSteps };
  return Array.from({ length: options.jobs }, (_, i): TrainRunJob => ({
    requestId: 'bench-kill',
    experiment: 'bench-kill',
    dataPath: options.data,
    fingerprint,
    model: options.runner === 'fixture' ? 'Sleep' : options.models[i % options.models.length]!,
    horizon: options.runner === 'fixture' ? 12 : 6 + (i % 4) * 6,
    hyperparameters,
    modelDir,
  }));
}
