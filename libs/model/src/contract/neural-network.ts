import type { GraphBuilder, Tensor } from '@tsforecast/graph';
import type { SearchSpace } from '@tsforecast/hyperparameter';
import { checkTrainingHyperparameters, type TrainingHyperparameters } from './training-hyperparameters';

/**
 * What a neural model is: its network body for a horizon `h` and a set of
 * hyperparameters. Scaling, losses, training, export and prediction are not
 * the model's business: `execution`'s trainer wraps the body into the full
 * forecasting graph (scaler → body → inverse scaler, plus the training loss)
 * and runs it.
 *
 * @example
 * export class NLinear extends NeuralNetwork<NLinearHyperparameters> {
 *   readonly name = 'NLinear';
 *   body(g: GraphBuilder, z: Tensor, _mask: Tensor, outputs: number): Tensor {
 *     return g.reshape(g.dense('linear', z, this.h * outputs), [z.shape[0], this.h, outputs]);
 *   }
 * }
 */
export abstract class NeuralNetwork<H extends TrainingHyperparameters> {
  /** Class name, as in the paper (`NHITS`). */
  abstract readonly name: string;

  /** @throws ConfigError naming the first invalid shared hyperparameter. */
  constructor(
    readonly h: number,
    readonly hyperparameters: Readonly<H>,
  ) {
    checkTrainingHyperparameters(hyperparameters, h);
  }

  /**
   * The network body in the scaled space: `z: [B, L]` (the scaled input
   * window, L = `inputSize`) and its availability `mask: [B, L]` →
   * `[B, h, outputs]` (`outputs` = 1 for point losses, Q for `mqloss`).
   */
  abstract body(g: GraphBuilder, z: Tensor, mask: Tensor, outputs: number): Tensor;
}

/**
 * What a neural model file declares (through `neuralModelSpec`); `execution` turns it into a
 * `ModelDefinition` whose models train this network.
 */
export interface NeuralModelSpec<H extends TrainingHyperparameters> {
  readonly name: string;
  readonly description: string;
  defaults(h: number, seasonLength: number): H;
  /** The network for horizon `h` and complete hyperparameters (defaults already merged). */
  build(h: number, hyperparameters: H): NeuralNetwork<H>;
  /**
   * The default search space at horizon `h` (`--search`), typed against `H`:
   * a key that is not a hyperparameter is a compile error. `neuralModelSpec`
   * (neural/neural-model-spec.ts) makes it `{ ...trainingSpace(h), <the model's
   * own entries> }` (NeuralForecast's Auto* ranges).
   */
  searchSpace(h: number): SearchSpace<H>;
}
