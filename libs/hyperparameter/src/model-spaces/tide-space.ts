import { choice } from '../space/expressions';
import { trainingSpace } from './shared-space';

/** NeuralForecast `AutoTiDE`: the shared part, hidden width and dropout. */
export function tideSpace(h: number) {
  return {
    ...trainingSpace(h),
    hiddenSize: choice('hiddenSize', [256, 512, 1024] as const),
    dropout: choice('dropout', [0, 0.1, 0.2, 0.3, 0.5] as const),
  };
}
