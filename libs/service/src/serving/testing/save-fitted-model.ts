import type { Container } from 'inversify';
import { silentLogger } from '@tsforecast/config';
import { fingerprintFrame, type SeriesFrame } from '@tsforecast/data';
import { TrackingStore } from '@tsforecast/db';
import { ModelRegistry } from '@tsforecast/model';
import { ModelStore, type LoadedModel } from '@tsforecast/artifact';

/** What {@link saveFittedModel} fits. */
export interface FittedModelSpec {
  readonly model: string;
  readonly h: number;
  readonly frame: SeriesFrame;
  readonly hyperparameters?: Record<string, unknown>;
  readonly experiment?: string;
  /**
   * The kind the saved metadata claims (default: the registry's). A neural model saved as another kind
   * has no ONNX file: for tests of the refusal to refit a neural model.
   */
  readonly savedKind?: LoadedModel['metadata']['kind'];
}

/**
 * Fits `spec.model` on `spec.frame` and saves it as a registered model version
 * (its files through the model store, its record under a `train` run), the
 * way a training run leaves it, without the training service's evaluation:
 * for serving tests and the API benchmark. Returns `NAME@VERSION`.
 */
export async function saveFittedModel(container: Container, spec: FittedModelSpec): Promise<string> {
  const registry = container.get(ModelRegistry);
  const tracking = container.get<TrackingStore>(TrackingStore);
  const store = container.get<ModelStore>(ModelStore);
  const { frame, h } = spec;
  const kind = spec.savedKind ?? registry.get(spec.model).kind;
  const model = registry.create(spec.model, h, frame.seasonLength, spec.hyperparameters ?? {});
  await model.fit(frame, { logger: silentLogger });
  const exported = model.export ? await model.export() : undefined;
  const { id: experimentId } = await tracking.ensureExperiment(spec.experiment ?? 'serving-fixtures');
  const run = await tracking.startRun({ experimentId, modelName: model.name, horizon: h, kind: 'train', parameters: {} });
  const written = await store.write(
    {
      model: model.name,
      kind,
      hyperparameters: { ...model.hyperparameters },
      h,
      inputSize: exported?.inputSize,
      scaler: exported?.scaler,
      quantiles: exported?.quantiles,
      opset: exported?.opset,
      frequency: frame.frequency,
      seasonLength: frame.seasonLength,
      trainingFingerprint: fingerprintFrame(frame),
      metrics: {},
      runId: run.id,
    },
    kind === 'neural' ? exported?.onnx : undefined,
  );
  const version = await tracking.registerModel(written.registration);
  const disposable = model as { dispose?: () => Promise<void> };
  await disposable.dispose?.();
  return `${model.name}@${version.version}`;
}
