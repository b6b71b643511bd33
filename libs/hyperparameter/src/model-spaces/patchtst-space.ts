import { choice } from '../space/expressions';
import { trainingSpace } from './shared-space';

/** NeuralForecast `AutoPatchTST`: the shared part, model width and attention heads (every width divides by every head count). */
export function patchtstSpace(h: number) {
  return {
    ...trainingSpace(h),
    hiddenSize: choice('hiddenSize', [16, 128, 256] as const),
    nHeads: choice('nHeads', [4, 16] as const),
  };
}
