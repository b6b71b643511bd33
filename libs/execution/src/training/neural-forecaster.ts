import { TsforecastError } from '@tsforecast/config';
import { exportInference, type RuntimeOptions } from '@tsforecast/graph';
import type { SeriesFrame } from '@tsforecast/data';
import type { ExportedModel, FitContext, Forecast, ForecastModel, NeuralNetwork, TrainingHyperparameters } from '@tsforecast/model';
import { OnnxRunner } from '../onnx/onnx-runner';
import { forecastGraphOf, type ForecastGraph } from './forecast-graph';
import { trainNetwork, type TrainOutcome } from './train-network';

/**
 * A neural model as a {@link ForecastModel}: trains its network's full graph
 * (scaler, body, inverse, loss) with {@link trainNetwork}, exports the
 * inference graph, and forecasts through the {@link OnnxRunner} on that
 * export — the same runner `predict` and the API use for a saved model, so
 * the training run's forecasts are the served ones.
 *
 * @example
 * const model = new NeuralForecaster(nhitsSpec.build(12, nhitsDefaults(12)), { threads: 2 });
 * await model.fit(train, { logger });
 * const forecast = await model.predict(train);
 * await model.dispose();
 */
export class NeuralForecaster<H extends TrainingHyperparameters> implements ForecastModel<H> {
  private runner?: OnnxRunner;
  private exported?: ExportedModel;
  /** Outcome of the last fit (steps, losses, speed, final weights). */
  lastFit?: TrainOutcome;

  constructor(
    readonly network: NeuralNetwork<H>,
    /** ORT options (threads, execution provider) for training and inference. */
    private readonly runtime: RuntimeOptions = {},
  ) {}

  get name(): string {
    return this.network.name;
  }

  get h(): number {
    return this.network.h;
  }

  get hyperparameters(): Readonly<H> {
    return this.network.hyperparameters;
  }

  /** The full graph (scaler, body, inverse, loss) for this model's hyperparameters. */
  buildGraph(): ForecastGraph {
    return forecastGraphOf(this.network);
  }

  async fit(frame: SeriesFrame, context: FitContext): Promise<void> {
    const graph = this.buildGraph();
    const outcome = await trainNetwork(
      graph,
      frame.series.map((s) => s.y),
      this.hyperparameters,
      this.h,
      context,
      this.runtime,
    );
    const onnx = exportInference(graph.g, outcome.weights, { outputs: graph.outputs });
    await this.dispose();
    this.exported = {
      onnx: onnx.bytes,
      inputSize: this.hyperparameters.inputSize,
      h: this.h,
      opset: onnx.opset,
      quantiles: graph.quantiles ? [...graph.quantiles] : undefined,
      scaler: this.hyperparameters.scalerType,
    };
    this.runner = await OnnxRunner.create(this.exported, { runtime: this.runtime });
    this.lastFit = outcome;
  }

  async predict(history: SeriesFrame): Promise<Forecast> {
    if (!this.runner) throw new TsforecastError(`${this.name}: predict() called before fit()`);
    return this.runner.forecast(history);
  }

  async export(): Promise<ExportedModel> {
    if (!this.exported) throw new TsforecastError(`${this.name}: export() called before fit()`);
    return this.exported;
  }

  /** Releases the inference session. */
  async dispose(): Promise<void> {
    await this.runner?.release();
    this.runner = undefined;
  }
}
