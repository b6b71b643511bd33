import { inject, injectable } from 'inversify';
import { Logger } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import { SessionFactory } from '@tsforecast/graph';
import { ModelRegistry, type Forecast } from '@tsforecast/model';
import type { LoadedModel } from '@tsforecast/artifact';
import { OnnxRunner } from '@tsforecast/execution';
import { fitOnHistory } from './fit-on-history';

/**
 * Forecasts with a saved model as it was loaded: a neural model through its
 * ONNX file alone (onnxruntime-node with the session options of this process;
 * no graph building, no training code, never refitted), a baseline or
 * statistical model by fitting its rule to the given history
 * ({@link fitOnHistory}).
 *
 * @example
 * const forecast = await container.get(SavedModelForecaster).forecast(loaded, frame);
 */
@injectable()
export class SavedModelForecaster {
  constructor(
    @inject(SessionFactory) private readonly sessions: SessionFactory,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  /** Forecasts `h` points after each series of `frame` with a loaded model. */
  async forecast(loaded: LoadedModel, frame: SeriesFrame): Promise<Forecast> {
    if (loaded.onnx) {
      // The metadata schema requires inputSize and opset of a neural model; the runner checks them again.
      const { inputSize = 0, h, opset = 0, quantiles, scaler = 'identity' } = loaded.metadata;
      const runner = await OnnxRunner.create(
        { onnx: loaded.onnx, inputSize, h, opset, quantiles, scaler },
        { runtime: this.sessions.options, logger: this.logger, label: `model ${loaded.saved.name}@${loaded.saved.version}` },
      );
      try {
        return await runner.forecast(frame);
      } finally {
        await runner.release();
      }
    }
    return fitOnHistory(this.registry, loaded, frame, this.logger);
  }
}
