import { TsforecastError } from '@tsforecast/config';
import { exportInference, type GraphBuilder, type RuntimeOptions, type Tensor } from '@tsforecast/graph';
import type { SeriesFrame } from '@tsforecast/data';
import type { ExportedModel } from '../contract/exported-model';
import type { Forecast } from '../contract/forecast';
import type { FitContext, ForecastModel } from '../contract/forecast-model';
import { buildForecastGraph, type ForecastGraph } from './forecast-graph';
import { InferenceRunner } from './inference-runner';
import { trainNetwork, type TrainOutcome } from './train-network';
import { checkTrainingHyperparameters, lossSpecOf, type TrainingHyperparameters } from './training-hyperparameters';

/**
 * Base of the neural models: a subclass only describes its network body
 * (`[B, L]` scaled window → `[B, h, outputs]`); scaling, losses, training,
 * export and prediction are shared. Prediction runs the exported inference
 * graph, so `predict` and a reloaded `export()` give the same numbers.
 */
export abstract class NeuralForecaster<H extends TrainingHyperparameters> implements ForecastModel<H> {
  abstract readonly name: string;
  private runner?: InferenceRunner;
  private exported?: ExportedModel;
  /** Outcome of the last fit (steps, losses, speed). */
  lastFit?: TrainOutcome;

  constructor(
    readonly h: number,
    readonly hyperparameters: Readonly<H>,
    /** ORT options (threads, execution provider) for training and inference. */
    protected readonly runtime: RuntimeOptions = {},
  ) {
    checkTrainingHyperparameters(hyperparameters, h);
  }

  /** The network body: `z: [B, L]` (scaled), `mask: [B, L]` → `[B, h, outputs]`. */
  protected abstract body(g: GraphBuilder, z: Tensor, mask: Tensor, outputs: number): Tensor;

  /** The full graph (scaler, body, inverse, loss) for this model's hyperparameters. */
  buildGraph(): ForecastGraph {
    const hp = this.hyperparameters;
    return buildForecastGraph(
      { h: this.h, inputSize: hp.inputSize, scalerType: hp.scalerType, loss: lossSpecOf(hp), seed: hp.seed },
      (g, z, mask, outputs) => this.body(g, z, mask, outputs),
    );
  }

  async fit(frame: SeriesFrame, context: FitContext): Promise<void> {
    const graph = this.buildGraph();
    const outcome = await trainNetwork(graph, frame.series.map((s) => s.y), this.hyperparameters, this.h, context, this.runtime);
    const onnx = exportInference(graph.g, outcome.weights, { outputs: graph.outputs });
    await this.runner?.release();
    this.exported = {
      onnx: onnx.bytes,
      inputSize: this.hyperparameters.inputSize,
      h: this.h,
      opset: onnx.opset,
      quantiles: graph.quantiles ? [...graph.quantiles] : undefined,
      scaler: this.hyperparameters.scalerType,
    };
    this.runner = await InferenceRunner.create(this.exported, this.runtime);
    this.lastFit = outcome;
  }

  async predict(history: SeriesFrame): Promise<Forecast> {
    if (!this.runner) throw new TsforecastError(`${this.name}: predict() called before fit()`);
    return this.runner.predict(history);
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
