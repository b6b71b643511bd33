import { choice } from '../space/expressions';
import { trainingSpace } from './shared-space';

/** NeuralForecast `AutoDLinear`: the shared part and the (odd) moving-average window. */
export function dlinearSpace(h: number) {
  return { ...trainingSpace(h), movingAvgWindow: choice('movingAvgWindow', [11, 25, 51] as const) };
}
