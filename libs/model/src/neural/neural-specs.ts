import type { NeuralModelSpec } from '../contract/neural-network';
import type { TrainingHyperparameters } from '../contract/training-hyperparameters';
import { dlinearSpec } from './dlinear';
import { mlpSpec } from './mlp';
import { nbeatsSpec } from './nbeats';
import { nhitsSpec } from './nhits';
import { nlinearSpec } from './nlinear';
import { patchtstSpec } from './patchtst';
import { tideSpec } from './tide';

/** Forgets a spec's own hyperparameter type for the list (its file already checked it against that type). */
function listed<H extends TrainingHyperparameters>(spec: NeuralModelSpec<H>): NeuralModelSpec<TrainingHyperparameters> {
  return spec as unknown as NeuralModelSpec<TrainingHyperparameters>;
}

/**
 * The one list of neural models: adding one is its file (network, defaults,
 * typed search space, spec) plus one line here. `executionModule` registers
 * each (its trainer lives in execution); the registry contract test
 * (libs/execution/src/model-contract.spec.ts) and the training tests iterate over
 * the registry, so nothing else lists the models.
 */
export const neuralModelSpecs: readonly NeuralModelSpec<TrainingHyperparameters>[] = [
  listed(mlpSpec),
  listed(nhitsSpec),
  listed(nbeatsSpec),
  listed(dlinearSpec),
  listed(nlinearSpec),
  listed(tideSpec),
  listed(patchtstSpec),
];
