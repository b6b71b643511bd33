import { inject, injectable } from 'inversify';
import { Logger, Settings, redactSecrets } from '@tsforecast/config';
import type { RecordedRun, RunEnd, RunRecordSink } from './run-recorder';
import { OncePerKey } from './once-per-key';

interface MlflowExperimentResponse {
  experiment?: { experiment_id: string };
  experiment_id?: string;
}

const mlflowStatus = { completed: 'FINISHED', failed: 'FAILED', cancelled: 'KILLED' } as const;

/**
 * Mirrors finished runs to an MLflow tracking server through its REST API 2.0
 * when `ENABLE_MLFLOW=true` (`MLFLOW_TRACKING_URI`, default
 * `http://127.0.0.1:5000`); does nothing otherwise. One MLflow experiment per
 * tsforecast experiment, one MLflow run per recorded run with its parameters,
 * final metrics and status, sent when the run ends (a slow MLflow never delays
 * a run's start or its training steps). Errors propagate to the recorder,
 * which logs them as warnings.
 */
@injectable()
export class MlflowRunSink implements RunRecordSink {
  readonly name = 'mlflow';
  private readonly experimentIds = new OncePerKey<string>();
  private readonly trackingUri: string | undefined;

  constructor(
    @inject(Settings) settings: Pick<Settings, 'ENABLE_MLFLOW' | 'MLFLOW_TRACKING_URI'>,
    @inject(Logger) private readonly logger: Logger,
  ) {
    this.trackingUri = settings.ENABLE_MLFLOW ? (settings.MLFLOW_TRACKING_URI ?? 'http://127.0.0.1:5000') : undefined;
  }

  /** Nothing to send yet: the MLflow run is created when the run ends. */
  started(): Promise<void> {
    return Promise.resolve();
  }

  /** Training curves stay in the database; MLflow gets the final metrics. */
  progressed(): Promise<void> {
    return Promise.resolve();
  }

  async finished(run: RecordedRun, end: RunEnd, endedAt: Date): Promise<void> {
    if (this.trackingUri === undefined) return;
    const runName = `${run.model}-h${run.horizon}`;
    const error = end.status === 'failed' ? end.error : end.status === 'cancelled' ? end.reason : undefined;
    const created = await this.post<{ run: { info: { run_id: string } } }>('runs/create', {
      experiment_id: await this.experimentId(run.experiment),
      run_name: runName,
      start_time: run.startedAt.getTime(),
      tags: [
        { key: 'tsforecast.run_id', value: run.id },
        { key: 'tsforecast.model', value: run.model },
        { key: 'tsforecast.kind', value: run.kind },
        { key: 'mlflow.runName', value: runName },
        ...(error ? [{ key: 'tsforecast.error', value: error.slice(0, 5000) }] : []),
      ],
    });
    const mlflowRunId = created.run.info.run_id;
    const timestamp = endedAt.getTime();
    const metrics = end.status === 'completed' ? end.result.metrics : {};
    await this.post('runs/log-batch', {
      run_id: mlflowRunId,
      params: Object.entries({ horizon: run.horizon, ...run.parameters }).map(([key, value]) => ({ key, value: paramText(value) })),
      metrics: Object.entries(metrics)
        .filter(([, value]) => Number.isFinite(value))
        .map(([key, value]) => ({ key, value, timestamp, step: 0 })),
    });
    await this.post('runs/update', { run_id: mlflowRunId, status: mlflowStatus[end.status], end_time: timestamp });
  }

  private experimentId(name: string): Promise<string> {
    return this.experimentIds.get(name, () => this.findOrCreateExperiment(name));
  }

  private async findOrCreateExperiment(name: string): Promise<string> {
    const found = await this.send(`experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`);
    if (found.ok) return ((await found.json()) as MlflowExperimentResponse).experiment!.experiment_id;
    if (found.status !== 404) throw new Error(`GET experiments/get-by-name answered ${found.status}`);
    const created = await this.post<MlflowExperimentResponse>('experiments/create', { name });
    return created.experiment_id!;
  }

  private async post<T = unknown>(path: string, body: unknown): Promise<T> {
    const response = await this.send(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    return (await response.json()) as T;
  }

  /** A fetch whose network errors name the server (its credentials masked). */
  private async send(path: string, init?: RequestInit): Promise<Response> {
    const base = this.trackingUri!.replace(/\/+$/, '');
    try {
      return await fetch(`${base}/api/2.0/mlflow/${path}`, init);
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      // The cause may quote the URL (fetch refuses credentials in it): redact the whole message.
      throw new Error(redactSecrets(`MLflow at ${base} unreachable: ${cause}`));
    }
  }
}

/** MLflow params are strings of at most 6000 characters; objects as JSON. */
function paramText(value: unknown): string {
  return String(typeof value === 'object' ? JSON.stringify(value) : value).slice(0, 6000);
}
