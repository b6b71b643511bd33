import { inject, injectable } from 'inversify';
import { Logger, Settings, UsageError } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import { ModelRegistry, pickOverrides } from '@tsforecast/model';
import type { TrainRequest } from './train-request';
import { requireExperimentName } from '../validation/experiment-name';
import { checkInputSize } from '../validation/input-size-check';
import { pathInside, prepareWritableDirectory } from '../validation/writable-directory';

/**
 * Every check of a training request, in the order {@link TrainingService}
 * runs them so that a mistake fails (exit 2) before any data is read or any
 * run is recorded: names and horizons, then the folders, then the
 * hyperparameter overrides against the data.
 */
@injectable()
export class TrainRequestChecks {
  constructor(
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(Settings) private readonly settings: Pick<Settings, 'MODEL_DIR' | 'OUTPUT_DIR'>,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  /** Every check that needs no data, before anything is read or stored: model names, horizons, the experiment name. */
  names(request: TrainRequest): void {
    if (request.models.length === 0) throw new UsageError("'models' must name at least one model");
    for (const name of request.models) this.registry.get(name);
    if (request.horizons.length === 0) throw new UsageError("'horizons' must name at least one horizon");
    for (const h of request.horizons) {
      if (!Number.isSafeInteger(h) || h < 1) throw new UsageError(`'horizon' must be a positive integer, got ${String(h)}`);
    }
    requireExperimentName(request.experiment);
  }

  /** `MODEL_DIR`, created now so an unwritable folder fails before any data is read. */
  async modelFolder(): Promise<void> {
    await prepareWritableDirectory(this.settings.MODEL_DIR, 'MODEL_DIR', 'setting');
  }

  /**
   * The output and model folders, created now (after the name checks) so an
   * unwritable path fails before any data is read. Returns the output folder.
   */
  async outputFolder(request: TrainRequest): Promise<string> {
    const outputDir =
      request.outputDir === undefined ? pathInside(this.settings.OUTPUT_DIR, request.experiment, 'experiment') : request.outputDir;
    await this.modelFolder();
    return prepareWritableDirectory(
      outputDir,
      request.outputDir === undefined ? 'OUTPUT_DIR' : 'outputDir (--output-dir)',
      request.outputDir === undefined ? 'setting' : 'flag',
    );
  }

  /**
   * Checks of the hyperparameter overrides against the data, before any run
   * starts: `inputSize` against the series lengths, and every model × horizon
   * built once with its overrides, so a bad value (`loss: 'quantile'`,
   * `scalerType: 'foo'`) is a usage error (exit 2), not a failed run.
   */
  async overrides(request: TrainRequest, frame: SeriesFrame): Promise<void> {
    const overrides = request.overrides ?? {};
    for (const name of request.models) {
      const definition = this.registry.get(name);
      for (const h of request.horizons) {
        const model = definition.create(h, frame.seasonLength, pickOverrides(definition.defaults(h, frame.seasonLength), overrides));
        await (model as { dispose?: () => Promise<void> }).dispose?.();
      }
    }
    const inputSize = overrides['inputSize'];
    if (typeof inputSize !== 'number') return;
    const takesInputSize = request.models.some((name) =>
      request.horizons.some((h) => 'inputSize' in pickOverrides(this.registry.get(name).defaults(h, frame.seasonLength), { inputSize })),
    );
    if (takesInputSize) checkInputSize(inputSize, frame, request.horizons, this.logger);
  }
}
