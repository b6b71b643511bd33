import { inject, injectable } from 'inversify';
import { NotFoundError } from '@tsforecast/config';
import { TrackingStore } from '@tsforecast/db';
import { ModelStore, type LoadedModel } from '@tsforecast/artifact';

/** A saved model version read back, and the run that trained it. */
export interface SavedModelVersion {
  loaded: LoadedModel;
  /** `name@version`. */
  ref: string;
  trainingRunId: string;
}

/**
 * Saved model versions as `cli predict` finds them: the database says which
 * files belong to a reference (and their sha256), the model store reads and
 * verifies them.
 *
 * @example
 * const { loaded, ref } = await container.get(SavedModels).load('NHITS@3');
 */
@injectable()
export class SavedModels {
  constructor(
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(ModelStore) private readonly store: ModelStore,
  ) {}

  /** The version a model id (uuid), `name@version` or name (latest version) names, with its files loaded. */
  async load(model: string): Promise<SavedModelVersion> {
    const version = await this.tracking.findModel(model);
    const loaded = await this.store.load(version);
    return { loaded, ref: `${loaded.saved.name}@${loaded.saved.version}`, trainingRunId: version.runId };
  }

  /** The experiment of the run that trained a version, so its forecasts sit beside it; `predictions` when that run is gone. */
  async trainingExperiment(version: SavedModelVersion): Promise<string> {
    try {
      const { run } = await this.tracking.getRun(version.trainingRunId);
      return (await this.tracking.findExperiment(run.experimentId)).name;
    } catch (error) {
      if (error instanceof NotFoundError) return 'predictions';
      throw error;
    }
  }
}
