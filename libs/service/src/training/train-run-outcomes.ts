import { inject, injectable } from 'inversify';
import { RunLeaseStore, TrackingStore } from '@tsforecast/db';
import type { JobStatus } from '@tsforecast/execution';
import type { HoldOutResult } from './hold-out-runner';
import { forecastFromJson } from './job-forecast';
import type { TrainRunSpec } from './train-run-jobs';
import type { TuningSummary } from './train-request';

/**
 * The outcome of a `train-run` job that ended, read back from its output, or
 * for a job whose attempts crashed before they wrote one, from its lease and
 * its run's record.
 */
@injectable()
export class TrainRunOutcomes {
  constructor(
    @inject(RunLeaseStore) private readonly leases: RunLeaseStore,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
  ) {}

  /** A finished job as the run outcome `train` reports; a job whose attempts all crashed is a failed run. */
  async of(status: JobStatus<'train-run'>, spec: TrainRunSpec): Promise<HoldOutResult> {
    const output = status.output ?? {};
    const runId =
      typeof output['runId'] === 'string'
        ? output['runId']
        : ((await this.leases.attemptLease(status.id, status.attempts, 0))?.runId ?? '');
    const run =
      runId === ''
        ? undefined
        : await this.tracking.getRun(runId).then(
            (details) => details.run,
            () => undefined,
          );
    const completed = status.state === 'completed' && output['status'] === 'completed';
    const error = completed ? undefined : String(output['error'] ?? output['message'] ?? `job ${status.state}`);
    const forecast = forecastFromJson(output['forecast']);
    return {
      runId,
      model: spec.model,
      horizon: spec.horizon,
      status: completed ? 'completed' : output['status'] === 'cancelled' || status.state === 'cancelled' ? 'cancelled' : 'failed',
      ...(completed ? { metrics: output['metrics'] as Record<string, number> } : { error }),
      fitSeconds: typeof output['fitSeconds'] === 'number' ? output['fitSeconds'] : 0,
      ...(typeof output['model'] === 'string' ? { modelRef: output['model'] } : {}),
      ...(forecast ? { forecast } : {}),
      ...(output['tuning'] !== undefined && output['tuning'] !== null ? { tuning: output['tuning'] as unknown as TuningSummary } : {}),
      experimentId: run?.experimentId ?? '',
      datasetId: run?.datasetId ?? null,
    };
  }
}
