import type { Logger } from '@tsforecast/config';
import { redactSecrets } from '@tsforecast/config';
import type { FinishedRun, RunSink } from './run-sink';

interface MlflowExperimentResponse {
  experiment?: { experiment_id: string };
  experiment_id?: string;
}

/**
 * Mirrors finished runs to an MLflow tracking server through its REST API 2.0
 * (`ENABLE_MLFLOW=true`, `MLFLOW_TRACKING_URI`): one MLflow experiment per
 * tsforecast experiment, one MLflow run per model × horizon with its
 * parameters, metrics and status.
 */
export class MlflowRunSink implements RunSink {
  readonly name = 'mlflow';
  private readonly experimentIds = new Map<string, Promise<string>>();

  constructor(
    private readonly trackingUri: string,
    private readonly logger: Logger,
  ) {}

  async runFinished(run: FinishedRun): Promise<void> {
    try {
      const experimentId = await this.experimentId(run.experiment);
      const created = await this.post<{ run: { info: { run_id: string } } }>('runs/create', {
        experiment_id: experimentId,
        run_name: `${run.model}-h${run.horizon}`,
        start_time: run.startedAt.getTime(),
        tags: [
          { key: 'tsforecast.run_id', value: run.runId },
          { key: 'tsforecast.model', value: run.model },
          { key: 'mlflow.runName', value: `${run.model}-h${run.horizon}` },
          ...(run.error ? [{ key: 'tsforecast.error', value: run.error.slice(0, 5000) }] : []),
        ],
      });
      const mlflowRunId = created.run.info.run_id;
      const timestamp = run.endedAt.getTime();
      await this.post('runs/log-batch', {
        run_id: mlflowRunId,
        params: Object.entries({ horizon: run.horizon, ...run.parameters }).map(([key, value]) => ({ key, value: String(typeof value === 'object' ? JSON.stringify(value) : value).slice(0, 6000) })),
        metrics: Object.entries(run.metrics)
          .filter(([, value]) => Number.isFinite(value))
          .map(([key, value]) => ({ key, value, timestamp, step: 0 })),
      });
      await this.post('runs/update', { run_id: mlflowRunId, status: run.status === 'completed' ? 'FINISHED' : 'FAILED', end_time: timestamp });
    } catch (error) {
      this.logger.warn(`MLflow tracking failed for run ${run.runId}: ${(error as Error).message}`, { trackingUri: redactSecrets(this.trackingUri) });
    }
  }

  private experimentId(name: string): Promise<string> {
    let id = this.experimentIds.get(name);
    if (!id) {
      id = this.findOrCreateExperiment(name);
      this.experimentIds.set(name, id);
      id.catch(() => this.experimentIds.delete(name));
    }
    return id;
  }

  private async findOrCreateExperiment(name: string): Promise<string> {
    const found = await fetch(this.url(`experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`));
    if (found.ok) return ((await found.json()) as MlflowExperimentResponse).experiment!.experiment_id;
    if (found.status !== 404) throw new Error(`GET experiments/get-by-name answered ${found.status}`);
    const created = await this.post<MlflowExperimentResponse>('experiments/create', { name });
    return created.experiment_id!;
  }

  private async post<T = unknown>(path: string, body: unknown): Promise<T> {
    const response = await fetch(this.url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    return (await response.json()) as T;
  }

  private url(path: string): string {
    return `${this.trackingUri.replace(/\/+$/, '')}/api/2.0/mlflow/${path}`;
  }
}
