import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PgBossJobQueue, waitForJobs, type JobStatus, type TrainRunJob } from '@tsforecast/execution';
import type { BenchDatabase } from './bench-database';

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
}

const root = resolve(__dirname, '../../..');

/**
 * Kill-safety: `jobs` jobs, `workers` worker processes, `kill -9` of a worker
 * that is running a job, `kills` times (a replacement starts a second later), then counts what
 * the kills left: jobs completed exactly once (one completed run per job, one
 * model version per completed run), runs left `running`, partial files and
 * model directories no model version points to.
 */
export async function benchKill(db: BenchDatabase, options: KillOptions): Promise<Record<string, unknown>> {
  const modelDir = mkdtempSync(join(tmpdir(), 'tsf-kill-models-'));
  const queue = new PgBossJobQueue(db.database);
  const ids = await queue.enqueue('train-run', jobsOf(options, modelDir));
  const started = performance.now();
  const workers = new Set<ChildProcess>();
  const startWorker = () => {
    const worker = spawnWorker(db.url, modelDir, options.runner);
    workers.add(worker);
    worker.once('exit', () => workers.delete(worker));
  };
  for (let i = 0; i < options.workers; i++) startWorker();
  let kills = 0;
  // Kill only a worker that is running a job (its run has a lease from `host:pid`): a kill during start-up tests nothing.
  const killer = setInterval(() => {
    if (kills >= options.kills) return;
    void busyWorkerPids(db).then((busy) => {
      const victim = [...workers].find((worker) => worker.pid !== undefined && busy.has(worker.pid));
      if (victim === undefined || kills >= options.kills) return;
      victim.kill('SIGKILL');
      kills++;
      setTimeout(startWorker, 1000);
    });
  }, options.killEvery * 1000);
  try {
    const ended = await waitForJobs(queue, 'train-run', ids, { pollMs: 1000, timeoutMs: 15 * 60_000 });
    const wallSeconds = (performance.now() - started) / 1000;
    clearInterval(killer);
    await stopAll(workers);
    return {
      bench: 'kill',
      runner: options.runner,
      jobs: options.jobs,
      workers: options.workers,
      kills,
      ...(await countLeftovers(db, ended, modelDir)),
      wall_s: Math.round(wallSeconds),
    };
  } finally {
    clearInterval(killer);
    await stopAll(workers);
    await queue.close();
    rmSync(modelDir, { recursive: true, force: true });
  }
}

/** Pids of the workers (on this host) working on a job now. */
async function busyWorkerPids(db: BenchDatabase): Promise<Set<number>> {
  const rows = (await db.database.dataSource.query(
    // A lease beaten in the last 10 s whose run has not ended (or not started yet: its job process is still starting).
    `SELECT DISTINCT h.worker_id FROM run_heartbeats h LEFT JOIN runs r ON r.id = h.run_id
     WHERE h.beat_at > now() - interval '10 seconds' AND (r.status IS NULL OR r.status = 'running')`,
  )) as { worker_id: string }[];
  return new Set(rows.map((row) => Number(row.worker_id.split(':').pop())));
}

function jobsOf(options: KillOptions, modelDir: string): TrainRunJob[] {
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

/** A worker as its own process (not through tsx's wrapper, so that SIGKILL hits the worker itself). */
function spawnWorker(url: string, modelDir: string, runner: KillOptions['runner']): ChildProcess {
  const args =
    runner === 'cli'
      ? ['apps/cli/src/main.ts', 'worker', '--concurrency', '1', '--database-url', url, '--model-dir', modelDir, '--log-level', 'warn']
      : ['tools/bench/execution/bench-worker.ts', url, '1'];
  // tsx's full loader (ESM too): the CLI loads its commands with dynamic import().
  return spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stopAll(workers: Set<ChildProcess>): Promise<void> {
  await Promise.all(
    [...workers].map(
      (worker) =>
        new Promise<void>((done) => {
          worker.once('exit', () => done());
          worker.kill('SIGTERM');
        }),
    ),
  );
}

async function countLeftovers(db: BenchDatabase, ended: readonly JobStatus<'train-run'>[], modelDir: string) {
  const query = async <T>(sql: string, params: unknown[] = []) => (await db.database.dataSource.query(sql, params)) as T[];
  const ids = ended.map((job) => job.id);
  const completedRuns = await query<{ job_id: string; n: string }>(
    `SELECT h.job_id, count(*) AS n FROM run_heartbeats h JOIN runs r ON r.id = h.run_id
     WHERE r.status = 'completed' AND h.job_id = ANY($1) GROUP BY h.job_id`,
    [ids],
  );
  const [{ n: running }] = await query<{ n: string }>(`SELECT count(*) AS n FROM runs WHERE status = 'running'`);
  const [{ n: lost }] = await query<{ n: string }>(`SELECT count(*) AS n FROM runs WHERE error_message LIKE 'worker lost%'`);
  const [{ n: attempts }] = await query<{ n: string }>(`SELECT count(*) AS n FROM run_heartbeats`);
  const [{ n: reused }] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM pgboss.job WHERE id = ANY($1) AND (output->>'reused')::boolean`,
    [ids],
  );
  const versions = await query<{ n: string }>(`SELECT count(*) AS n FROM models GROUP BY run_id`);
  const files = listFiles(modelDir);
  const paths = new Set(
    (await query<{ artifact_path: string }>(`SELECT artifact_path FROM models`)).map((row) => resolve(row.artifact_path)),
  );
  const dirs = readdirSync(modelDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return {
    jobs_completed: ended.filter((job) => job.state === 'completed' && job.output?.['status'] === 'completed').length,
    jobs_completed_once: completedRuns.filter((row) => Number(row.n) === 1).length,
    jobs_completed_twice_or_more: completedRuns.filter((row) => Number(row.n) > 1).length,
    runs_left_running: Number(running),
    runs_failed_worker_lost: Number(lost),
    attempts: Number(attempts),
    jobs_completed_by_reaper_or_retry_without_rerun: Number(reused),
    model_versions_per_completed_run_max: versions.reduce((max, row) => Math.max(max, Number(row.n)), 0),
    partial_files: files.filter((file) => /\.(tmp|partial)|(^|\/)\.[^/]*$/.test(file)).length,
    orphan_model_dirs: dirs.filter((dir) => ![...paths].some((path) => path.startsWith(join(modelDir, dir.name)))).length,
  };
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}
