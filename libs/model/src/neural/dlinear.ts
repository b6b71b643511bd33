import { ConfigError } from '@tsforecast/config';
import type { GraphBuilder, Tensor } from '@tsforecast/graph';
import { choice } from '@tsforecast/hyperparameter';
import { NeuralNetwork } from '../contract/neural-network';
import { trainingDefaults, type TrainingHyperparameters } from '../contract/training-hyperparameters';
import { neuralModelSpec } from './neural-model-spec';

/** Hyperparameters of {@link DLinear}. */
export interface DLinearHyperparameters extends TrainingHyperparameters {
  /** Odd window of the moving-average trend. */
  movingAvgWindow: number;
}

/** NeuralForecast `DLinear` defaults: moving average 25, lr 1e-4, 5000 steps, no lr decay. */
export function dlinearDefaults(h: number): DLinearHyperparameters {
  return { ...trainingDefaults(h), learningRate: 1e-4, maxSteps: 5000, numLrDecays: -1, movingAvgWindow: 25 };
}

/**
 * `[L, L]` matrix of the moving average with replicate padding of (k − 1)/2 on
 * both sides (DLinear's `MovingAvg`: AvgPool1d(k, stride 1) over the padded input).
 */
export function movingAverageMatrix(length: number, window: number): Float64Array {
  if (!Number.isInteger(window) || window < 1 || window % 2 === 0)
    throw new ConfigError(`'movingAvgWindow' must be an odd integer >= 1, got ${window}`);
  const half = (window - 1) / 2;
  const m = new Float64Array(length * length);
  for (let j = 0; j < length; j++) {
    for (let t = j - half; t <= j + half; t++) {
      const src = Math.min(Math.max(t, 0), length - 1);
      m[src * length + j] += 1 / window;
    }
  }
  return m;
}

/**
 * DLinear (Zeng et al., AAAI 2023): splits the window into a moving-average
 * trend and the seasonal rest, one linear map from each to the horizon, summed.
 */
export class DLinear extends NeuralNetwork<DLinearHyperparameters> {
  readonly name = 'DLinear';

  body(g: GraphBuilder, z: Tensor, _mask: Tensor, outputs: number): Tensor {
    const l = this.hyperparameters.inputSize;
    const trend = g.matmul(z, g.constant(movingAverageMatrix(l, this.hyperparameters.movingAvgWindow), [l, l]));
    const seasonal = g.sub(z, trend);
    const out = g.add(g.dense('linear_trend', trend, this.h * outputs), g.dense('linear_seasonal', seasonal, this.h * outputs));
    return g.reshape(out, [z.shape[0], this.h, outputs]);
  }
}

/** Registration of {@link DLinear}. */
export const dlinearSpec = neuralModelSpec('DLinear', DLinear, {
  description: 'Decomposition-linear: moving-average trend and seasonal rest, each mapped linearly to the horizon.',
  defaults: dlinearDefaults,
  // NeuralForecast `AutoDLinear`: the (odd) moving-average window.
  searchSpace: {
    movingAvgWindow: choice('movingAvgWindow', [11, 25, 51] as const),
  },
});
