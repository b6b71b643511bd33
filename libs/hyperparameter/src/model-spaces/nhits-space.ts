import { choice } from '../space/expressions';
import { trainingSpace } from './shared-space';

/**
 * NeuralForecast `AutoNHITS`: the shared part, pooling kernels and downsampling
 * factors per stack. A factor above `h` is harmless: NHITS uses
 * max(⌊h / f⌋, 1) knots.
 */
export function nhitsSpace(h: number) {
  return {
    ...trainingSpace(h),
    nPoolKernelSize: choice('nPoolKernelSize', [[2, 2, 1], [1, 1, 1], [2, 2, 2], [4, 4, 4], [8, 4, 1], [16, 8, 1]]),
    nFreqDownsample: choice('nFreqDownsample', [[168, 24, 1], [24, 12, 1], [180, 60, 1], [60, 8, 1], [40, 20, 1], [1, 1, 1]]),
  };
}
