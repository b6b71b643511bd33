import type { GraphBuilder, Tensor } from '@tsforecast/graph';
import { randint } from '@tsforecast/hyperparameter';
import { NeuralNetwork } from '../contract/neural-network';
import { trainingDefaults, type TrainingHyperparameters } from '../contract/training-hyperparameters';
import { neuralModelSpec } from './neural-model-spec';

/** Hyperparameters of {@link NLinear} (the shared ones only). */
export type NLinearHyperparameters = TrainingHyperparameters;

/** NeuralForecast `NLinear` defaults: lr 1e-4, 5000 steps, no lr decay. */
export function nlinearDefaults(h: number): NLinearHyperparameters {
  return { ...trainingDefaults(h), learningRate: 1e-4, maxSteps: 5000, numLrDecays: -1 };
}

/**
 * NLinear (Zeng et al., AAAI 2023): subtracts the last input value, maps the
 * window linearly to the horizon, adds the value back.
 */
export class NLinear extends NeuralNetwork<NLinearHyperparameters> {
  readonly name = 'NLinear';

  body(g: GraphBuilder, z: Tensor, _mask: Tensor, outputs: number): Tensor {
    const l = this.hyperparameters.inputSize;
    const last = g.slice(z, 1, l - 1, l);
    const out = g.add(g.dense('linear', g.sub(z, last), this.h * outputs), last);
    return g.reshape(out, [z.shape[0], this.h, outputs]);
  }
}

/** Registration of {@link NLinear}. */
export const nlinearSpec = neuralModelSpec('NLinear', NLinear, {
  description: 'Normalised linear: last-value-subtracted window mapped linearly to the horizon.',
  defaults: nlinearDefaults,
  // NeuralForecast `AutoNLinear`: the random seed (NLinear has no other parameter).
  searchSpace: {
    seed: randint('seed', 1, 20),
  },
});
