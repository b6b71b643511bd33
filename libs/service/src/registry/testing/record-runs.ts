import type { Container } from 'inversify';
import { TrackingStore, type PredictionInput } from '@tsforecast/db';

/** A run to record: its model, horizon, and its final scores when completed (none: left running). */
export interface RunFixture {
  readonly model: string;
  readonly horizon: number;
  readonly metrics?: Record<string, number>;
  /** Forecast rows stored with the completion. */
  readonly predictions?: PredictionInput[];
}

/**
 * Records `train` runs in `experiment` in order (each started after the
 * previous one), completing those with metrics. Returns their ids in order.
 */
export async function recordRuns(container: Container, experiment: string, runs: readonly RunFixture[]): Promise<string[]> {
  const tracking = container.get<TrackingStore>(TrackingStore);
  const { id: experimentId } = await tracking.ensureExperiment(experiment);
  const ids: string[] = [];
  for (const fixture of runs) {
    const run = await tracking.startRun({
      experimentId,
      modelName: fixture.model,
      horizon: fixture.horizon,
      kind: 'train',
      parameters: {},
    });
    if (fixture.metrics !== undefined)
      await tracking.completeRun(run.id, { metrics: fixture.metrics, predictions: fixture.predictions, durationMs: 1 });
    ids.push(run.id);
  }
  return ids;
}
