/**
 * A job process for the worker's tests and the execution benchmarks: real
 * child process, real database, and a runner whose behaviour the payload's
 * `model` picks — `Sleep` (steps of `stepMs`, cancellable between steps),
 * `Burn` (busy CPU for `ms`), `Crash` (SIGKILLs itself after starting its
 * run), `CrashOnce` (crashes on attempt 1 only), `Throw`, `Fail`. The run
 * rows are written with SQL here, standing in for the service's recorder.
 */
import { Client } from 'pg';
import type { ClaimedJob } from '../../queue/job-queue';
import type { JobContext, JobOutcome, JobRunner } from '../job-runner';
import { serveJobProcess } from '../serve-job-process';

// A plain client, not the app's container: the fixture process starts in a fraction of the time.
serveJobProcess(async () => {
  const database = new Client({ connectionString: process.env['DATABASE_URL'] });
  await database.connect();
  const runner: JobRunner<'train-run'> = { kind: 'train-run', run: (job, context) => runFixture(database, job, context) };
  return { runners: [runner], close: () => database.end() };
});

async function runFixture(database: Client, job: ClaimedJob<'train-run'>, context: JobContext): Promise<JobOutcome> {
  const { model, hyperparameters } = job.payload;
  if (model === 'Throw') throw new Error('fixture runner broke');
  await startRun(database, job, context.runId);
  if (model === 'Crash' || (model === 'CrashOnce' && job.attempt === 1)) process.kill(process.pid, 'SIGKILL');
  if (model === 'Fail') return endRun(database, context.runId, 'failed', 'fixture model diverged');
  if (model === 'Burn') {
    const until = performance.now() + Number(hyperparameters['ms'] ?? 1000);
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    return endRun(database, context.runId, 'completed', undefined, { burned: x > 0 ? 1 : 0 });
  }
  const steps = Number(hyperparameters['steps'] ?? 5);
  for (let step = 1; step <= steps; step++) {
    if (context.signal.aborted) return endRun(database, context.runId, 'cancelled', `job cancelled at step ${step}`);
    await new Promise((resolve) => setTimeout(resolve, Number(hyperparameters['stepMs'] ?? 50)));
    context.progress({ step, fraction: step / steps, loss: 1 / step, steps_per_s: 20 });
  }
  return endRun(database, context.runId, 'completed', undefined, { mae: 1.5 });
}

async function startRun(database: Client, job: ClaimedJob<'train-run'>, runId: string): Promise<void> {
  const { rows } = await database.query<{ id: string }>(
    `INSERT INTO experiments (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [job.payload.experiment],
  );
  await database.query(`INSERT INTO runs (id, experiment_id, model_name, horizon, kind, parameters) VALUES ($1, $2, $3, $4, 'train', $5)`, [
    runId,
    rows[0]!.id,
    job.payload.model,
    job.payload.horizon,
    JSON.stringify(job.payload.hyperparameters),
  ]);
}

async function endRun(
  database: Client,
  runId: string,
  status: JobOutcome['status'],
  error?: string,
  metrics?: Record<string, number>,
): Promise<JobOutcome> {
  await database.query(`UPDATE runs SET status = $2, error_message = $3, ended_at = now() WHERE id = $1 AND status = 'running'`, [
    runId,
    status,
    error ?? null,
  ]);
  return { runId, status, error, metrics, backend: 'cpu', ...(metrics?.['mae'] === undefined ? {} : { stepsPerSecond: 20 }) };
}
