import { ConfigError } from '@tsforecast/config';
import type { GraphBuilder, Tensor } from '@tsforecast/graph';
import { choice } from '@tsforecast/hyperparameter';
import { NeuralNetwork } from '../contract/neural-network';
import { trainingDefaults, type TrainingHyperparameters } from '../contract/training-hyperparameters';
import { neuralModelSpec } from './neural-model-spec';
import type { Activation } from './activation';
import { blockMlp, doublyResidualStacks, type BlockOutput } from './block-mlp';

/** Hyperparameters of {@link NHITS} (one entry per stack in the lists). */
export interface NHITSHyperparameters extends TrainingHyperparameters {
  nBlocks: number[];
  /** Hidden layers of every block's MLP, `[in, out]` pairs (NeuralForecast `mlp_units`, shared by all stacks). */
  mlpUnits: number[][];
  /** Pooling kernel (= stride) on the input of each stack; one longer than `inputSize` pools the whole window. */
  nPoolKernelSize: number[];
  /** Forecast knots of a stack = max(⌊h / nFreqDownsample⌋, 1). */
  nFreqDownsample: number[];
  poolingMode: 'MaxPool1d' | 'AvgPool1d';
  interpolationMode: 'linear';
  dropoutProbTheta: number;
  activation: Activation;
}

/** NeuralForecast `NHITS` defaults: 3 identity stacks of 1 block, block MLP 3×[512, 512], pools [2, 2, 1], downsample [4, 2, 1]. */
export function nhitsDefaults(h: number): NHITSHyperparameters {
  return {
    ...trainingDefaults(h),
    nBlocks: [1, 1, 1],
    mlpUnits: [
      [512, 512],
      [512, 512],
      [512, 512],
    ],
    nPoolKernelSize: [2, 2, 1],
    nFreqDownsample: [4, 2, 1],
    poolingMode: 'MaxPool1d',
    interpolationMode: 'linear',
    dropoutProbTheta: 0,
    activation: 'ReLU',
  };
}

/**
 * NHITS (Challu et al., AAAI 2023): stacks of MLP blocks on the reversed
 * window; each block pools its input (MaxPool1d, ceil mode), predicts a
 * backcast and a few forecast knots linearly interpolated to h, and passes the
 * masked residual on. The forecast starts at the last input value (naive level).
 */
export class NHITS extends NeuralNetwork<NHITSHyperparameters> {
  readonly name = 'NHITS';

  body(g: GraphBuilder, z: Tensor, mask: Tensor, outputs: number): Tensor {
    const hp = this.hyperparameters;
    const l = hp.inputSize;
    const stacks = hp.nBlocks.length;
    if (hp.nPoolKernelSize.length !== stacks || hp.nFreqDownsample.length !== stacks) {
      throw new ConfigError(
        `'nBlocks', 'nPoolKernelSize' and 'nFreqDownsample' must have one entry per stack, got lengths ${stacks}, ${hp.nPoolKernelSize.length}, ${hp.nFreqDownsample.length}`,
      );
    }
    return doublyResidualStacks(g, z, mask, hp, (residuals, s): BlockOutput => {
      // PyTorch's ceil-mode pooling (NeuralForecast) turns a kernel longer than the window into one
      // window over all of it; AutoNHITS proposes such kernels (16 with inputSize = h = 12).
      const k = Math.min(hp.nPoolKernelSize[s], l);
      const pooled =
        k <= 1
          ? residuals
          : hp.poolingMode === 'MaxPool1d'
            ? g.maxPool1d(residuals, { kernel: k, stride: k, ceilMode: true })
            : g.avgPool1d(residuals, { kernel: k, stride: k, ceilMode: true });
      const knots = Math.max(Math.floor(this.h / hp.nFreqDownsample[s]), 1);
      const theta = blockMlp(g, pooled, hp.mlpUnits, l + outputs * knots, hp.activation, hp.dropoutProbTheta);
      const backcast = g.slice(theta, 1, 0, l);
      // knots: [B, Q, K] → interpolate to [B, Q, h] → [B, h, Q]
      const knotValues = g.reshape(g.slice(theta, 1, l, l + outputs * knots), [z.shape[0], outputs, knots]);
      return { backcast, forecast: g.transpose(g.interpolateLinear(knotValues, this.h), [0, 2, 1]) };
    });
  }
}

/** Registration of {@link NHITS}. */
export const nhitsSpec = neuralModelSpec('NHITS', NHITS, {
  description: 'Neural Hierarchical Interpolation for Time Series: multi-rate pooled MLP stacks with interpolated forecasts.',
  defaults: nhitsDefaults,
  // NeuralForecast `AutoNHITS`: pooling kernels and downsampling factors per stack. A kernel longer than the input
  // pools the whole window and a factor above h gives one knot (see `body`), as in NeuralForecast.
  searchSpace: {
    nPoolKernelSize: choice('nPoolKernelSize', [
      [2, 2, 1],
      [1, 1, 1],
      [2, 2, 2],
      [4, 4, 4],
      [8, 4, 1],
      [16, 8, 1],
    ]),
    nFreqDownsample: choice('nFreqDownsample', [
      [168, 24, 1],
      [24, 12, 1],
      [180, 60, 1],
      [60, 8, 1],
      [40, 20, 1],
      [1, 1, 1],
    ]),
  },
});
