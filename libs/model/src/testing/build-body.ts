import { GraphBuilder, type Tensor } from '@tsforecast/graph';
import type { NeuralNetwork } from '../contract/neural-network';
import type { TrainingHyperparameters } from '../contract/training-hyperparameters';

/**
 * `network`'s body on a fresh graph, from inputs `z` and `mask`: [B, inputSize]
 * to `out`: [B, h, 1]. Building it is where a model checks its own sizes; the
 * graph runs under the reference interpreter.
 *
 * @example expect(() => buildBody(new TiDE(6, { ...tideDefaults(6), hiddenSize: 0 }))).toThrow(/'hiddenSize'/);
 */
export function buildBody(network: NeuralNetwork<TrainingHyperparameters>, seed = 1): { g: GraphBuilder; out: Tensor } {
  const g = new GraphBuilder({ seed });
  const inputSize = network.hyperparameters.inputSize;
  const out = network.body(g, g.input('z', ['B', inputSize]), g.input('mask', ['B', inputSize]), 1);
  return { g, out };
}
