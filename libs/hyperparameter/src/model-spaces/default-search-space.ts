import { UsageError } from '@tsforecast/config';
import { dlinearSpace } from './dlinear-space';
import { mlpSpace } from './mlp-space';
import { nbeatsSpace } from './nbeats-space';
import { nhitsSpace } from './nhits-space';
import { nlinearSpace } from './nlinear-space';
import { patchtstSpace } from './patchtst-space';
import { tideSpace } from './tide-space';

/** The default search space of each model that has one, by registry name. */
const SPACES: Readonly<Record<string, (h: number) => Record<string, unknown>>> = {
  MLP: mlpSpace,
  NHITS: nhitsSpace,
  NBEATS: nbeatsSpace,
  DLinear: dlinearSpace,
  NLinear: nlinearSpace,
  TiDE: tideSpace,
  PatchTST: patchtstSpace,
};

/** Names of the models with a default search space. */
export function modelsWithSearchSpace(): string[] {
  return Object.keys(SPACES);
}

/**
 * The default search space of `modelName` at horizon `h` (NeuralForecast
 * Auto* ranges, parameter names as in the model's hyperparameters). Baselines
 * have none: a `UsageError` lists the models that do.
 *
 * @example
 * const space = defaultSearchSpace('NHITS', 12); // { inputSize: choice(12, 24, …), learningRate: loguniform(…), … }
 */
export function defaultSearchSpace(modelName: string, h: number): Record<string, unknown> {
  if (!Number.isSafeInteger(h) || h < 1) throw new UsageError(`'h' must be a positive integer, got ${h}`);
  const space = Object.prototype.hasOwnProperty.call(SPACES, modelName) ? SPACES[modelName] : undefined;
  if (!space) throw new UsageError(`model '${modelName}' has no default search space; models with one: ${modelsWithSearchSpace().join(', ')}`);
  return space(h);
}
