import { inject, injectable } from 'inversify';
import { Settings } from '@tsforecast/config';
import type { AbandonedRun, AbandonedRunCleanup } from '@tsforecast/execution';
import { ModelStore } from './model-store';

/**
 * Removes the model files of a run whose process died between saving them and
 * completing the run (the run is then `failed`, so no model version can point
 * there): its folder and staging folder in the job's model directory, or in
 * `MODEL_DIR` for a run without a job. Bound as an {@link AbandonedRunCleanup}:
 * the reaper and the workers call it.
 */
@injectable()
export class AbandonedModelFiles implements AbandonedRunCleanup {
  readonly name = 'model files';

  constructor(
    @inject(ModelStore) private readonly store: ModelStore,
    @inject(Settings) private readonly settings: Pick<Settings, 'MODEL_DIR'>,
  ) {}

  async cleanUp({ runId, job }: AbandonedRun): Promise<void> {
    const dir = job !== null && 'modelDir' in job.payload ? job.payload.modelDir : this.settings.MODEL_DIR;
    await this.store.discardRun(runId, { dir });
  }
}
