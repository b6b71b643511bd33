import { choice, randint } from '../space/expressions';
import { trainingSpace } from './shared-space';

/** NeuralForecast `AutoMLP`: the shared part, 256–1024 units, 2–6 layers. */
export function mlpSpace(h: number) {
  return { ...trainingSpace(h), hiddenSize: choice('hiddenSize', [256, 512, 1024] as const), numLayers: randint('numLayers', 2, 6) };
}
