import type { PredictionInput, TrackingStore } from '../tracking/tracking-store';

/** The model version {@link registerTestModelVersion} registers. */
export interface TestModelVersion {
  readonly experiment: string;
  readonly name: string;
  /** The training run's own predictions (none by default). */
  readonly predictions?: PredictionInput[];
}

/**
 * A completed `train` run of experiment `experiment` that registered model
 * version `name` (placeholder files: nothing on disk), with `predictions` as
 * the run's own; for tests of what refers to a model version.
 */
export async function registerTestModelVersion(
  tracking: TrackingStore,
  options: TestModelVersion,
): Promise<{ runId: string; modelId: string }> {
  const experiment = await tracking.ensureExperiment(options.experiment);
  const run = await tracking.startRun({ experimentId: experiment.id, modelName: options.name, horizon: 2, kind: 'train', parameters: {} });
  const model = {
    runId: run.id,
    name: options.name,
    artifactPath: `models/${options.name}`,
    sizeBytes: 1,
    sha256: 'a'.repeat(64),
    hyperparameters: {},
    metadata: {},
  };
  const done = await tracking.completeRun(run.id, { model, ...(options.predictions ? { predictions: options.predictions } : {}) });
  return { runId: run.id, modelId: done.model!.id };
}
