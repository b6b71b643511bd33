import { choice, loguniform, quniform, type SearchSpace } from '@tsforecast/hyperparameter';
import type { TrainingHyperparameters } from '../contract/training-hyperparameters';

/** Multipliers of `h` NeuralForecast's Auto* models draw `input_size` from. */
export const INPUT_SIZE_MULTIPLIERS = [1, 2, 3, 4, 5] as const;

/**
 * The part every neural model's default space shares, after NeuralForecast's
 * Auto* configs: `inputSize = h × {1..5}`, lr log-uniform in [1e-4, 1e-1],
 * scaler, 500–1500 steps, series and window batch sizes. `neuralModelSpec`
 * lays each model's own entries over it.
 *
 * @example
 * const space: SearchSpace<MyHyperparameters> = { ...trainingSpace(h), hiddenSize: choice('hiddenSize', [256, 512] as const) };
 */
export function trainingSpace(h: number): SearchSpace<TrainingHyperparameters> {
  return {
    inputSize: choice(
      'inputSize',
      INPUT_SIZE_MULTIPLIERS.map((k) => k * h),
    ),
    learningRate: loguniform('learningRate', 1e-4, 1e-1),
    scalerType: choice('scalerType', ['identity', 'robust', 'standard'] as const),
    maxSteps: quniform('maxSteps', 500, 1500, 100),
    batchSize: choice('batchSize', [32, 64, 128, 256] as const),
    windowsBatchSize: choice('windowsBatchSize', [128, 256, 512, 1024] as const),
  };
}
