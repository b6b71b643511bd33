import { choice, randint } from '../space/expressions';
import { trainingSpace } from './shared-space';

/** NeuralForecast `AutoNBEATS`: the shared part, MLP width of every stack and the seasonality harmonics. */
export function nbeatsSpace(h: number) {
  return {
    ...trainingSpace(h),
    mlpUnits: choice('mlpUnits', [[[512, 512], [512, 512], [512, 512]], [[256, 256], [256, 256], [256, 256]]]),
    nHarmonics: randint('nHarmonics', 1, 3),
  };
}
