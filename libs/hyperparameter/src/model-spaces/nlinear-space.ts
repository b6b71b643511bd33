import { randint } from '../space/expressions';
import { trainingSpace } from './shared-space';

/** NeuralForecast `AutoNLinear`: the shared part and the random seed (NLinear has no other parameter). */
export function nlinearSpace(h: number) {
  return { ...trainingSpace(h), seed: randint('seed', 1, 20) };
}
