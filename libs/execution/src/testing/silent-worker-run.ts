import { randomUUID } from 'node:crypto';
import type { Database, RunLeaseStore } from '@tsforecast/db';

/** What {@link plantSilentWorkerRun} leaves. */
export interface SilentWorkerRunOptions {
  /** The claimed job whose attempt the dead worker held. */
  jobId: string;
  attempt?: number;
  /** The run's model name (the job's). */
  model: string;
  /** The run's status when the worker fell silent (default `running`). */
  status?: 'running' | 'completed';
  workerId?: string;
  runId?: string;
}

/**
 * Plants in the database what a worker that died during a job leaves behind:
 * its lease on the job's attempt, the run it started (in experiment
 * `silent-workers`) and a last heartbeat a minute old. Returns the run id.
 */
export async function plantSilentWorkerRun(database: Database, leases: RunLeaseStore, options: SilentWorkerRunOptions): Promise<string> {
  const runId = options.runId ?? randomUUID();
  const sql = (text: string, params: unknown[]) => database.dataSource.query(text, params) as Promise<{ id: string }[]>;
  await leases.open({
    runId,
    workerId: options.workerId ?? 'dead-host:1',
    jobId: options.jobId,
    jobKind: 'train-run',
    attempt: options.attempt ?? 1,
  });
  const [{ id: experimentId }] = (await sql(
    `INSERT INTO experiments (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    ['silent-workers'],
  )) as [{ id: string }];
  await sql(
    `INSERT INTO runs (id, experiment_id, model_name, horizon, kind, parameters, status) VALUES ($1, $2, $3, 3, 'train', '{}', $4)`,
    [runId, experimentId, options.model, options.status ?? 'running'],
  );
  await sql(`UPDATE run_heartbeats SET beat_at = now() - interval '1 minute' WHERE run_id = $1`, [runId]);
  return runId;
}
