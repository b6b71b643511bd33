import type { GraphBuilder, Tensor } from '@tsforecast/graph';
import { choice, randint } from '@tsforecast/hyperparameter';
import { NeuralNetwork } from '../contract/neural-network';
import { trainingDefaults, type TrainingHyperparameters } from '../contract/training-hyperparameters';
import { neuralModelSpec } from './neural-model-spec';

/** Hyperparameters of {@link MLP}. */
export interface MLPHyperparameters extends TrainingHyperparameters {
  /** Hidden layers. */
  numLayers: number;
  /** Units per hidden layer. */
  hiddenSize: number;
}

/** NeuralForecast `MLP` defaults: 2 layers × 1024 units, shared training defaults. */
export function mlpDefaults(h: number): MLPHyperparameters {
  return { ...trainingDefaults(h), numLayers: 2, hiddenSize: 1024 };
}

/**
 * Multi-layer perceptron from the input window to the horizon:
 * `z: [B, L]` → (Linear + ReLU) × numLayers → Linear → `[B, h, Q]`.
 *
 * @example
 * const network = mlpSpec.build(12, { ...mlpDefaults(12), inputSize: 24 });
 */
export class MLP extends NeuralNetwork<MLPHyperparameters> {
  readonly name = 'MLP';

  body(g: GraphBuilder, z: Tensor, _mask: Tensor, outputs: number): Tensor {
    let x = z;
    for (let i = 0; i < this.hyperparameters.numLayers; i++) x = g.relu(g.dense(`mlp${i}`, x, this.hyperparameters.hiddenSize));
    return g.reshape(g.dense('out', x, this.h * outputs), [z.shape[0], this.h, outputs]);
  }
}

/** Registration of {@link MLP}. */
export const mlpSpec = neuralModelSpec('MLP', MLP, {
  description: 'Multi-layer perceptron from the input window to the horizon (NeuralForecast MLP).',
  defaults: mlpDefaults,
  // NeuralForecast `AutoMLP`: 256–1024 units, 2–6 layers.
  searchSpace: {
    hiddenSize: choice('hiddenSize', [256, 512, 1024] as const),
    numLayers: randint('numLayers', 2, 6),
  },
});
