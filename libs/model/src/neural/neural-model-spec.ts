import type { SearchSpace } from '@tsforecast/hyperparameter';
import type { NeuralModelSpec, NeuralNetwork } from '../contract/neural-network';
import type { TrainingHyperparameters } from '../contract/training-hyperparameters';
import { trainingSpace } from './training-space';

/** What is particular to a neural model's registration; {@link neuralModelSpec} adds the rest. */
export interface NeuralModelParticulars<H extends TrainingHyperparameters> {
  readonly description: string;
  /** Complete defaults at horizon `h` (usually `{ ...trainingDefaults(h), <model-specific> }`). */
  defaults(h: number): H;
  /**
   * The model's own entries of the default search space (NeuralForecast's
   * `Auto<Model>` ranges), laid over the shared {@link trainingSpace}(h).
   * Typed against `H`: a key that is not a hyperparameter, or an option of the
   * wrong type, is a compile error (the object literal is checked for excess
   * keys because it is an argument; a function's returned literal would not be).
   */
  readonly searchSpace: SearchSpace<H>;
}

/**
 * The registration of a neural network class: its name, description and
 * defaults, a default search space of the shared Auto* part
 * ({@link trainingSpace}) plus the model's own entries, and `build` = `new
 * Network(h, hp)`.
 *
 * @example
 * export const mlpSpec = neuralModelSpec('MLP', MLP, {
 *   description: 'Multi-layer perceptron from the input window to the horizon.',
 *   defaults: mlpDefaults,
 *   searchSpace: { hiddenSize: choice('hiddenSize', [256, 512, 1024] as const) },
 * });
 */
export function neuralModelSpec<H extends TrainingHyperparameters>(
  name: string,
  Network: new (h: number, hyperparameters: H) => NeuralNetwork<H>,
  particulars: NeuralModelParticulars<NoInfer<H>>,
): NeuralModelSpec<H> {
  return {
    name,
    description: particulars.description,
    defaults: (h) => particulars.defaults(h),
    searchSpace: (h) => ({ ...trainingSpace(h), ...particulars.searchSpace }),
    build: (h, hyperparameters) => new Network(h, hyperparameters),
  };
}
