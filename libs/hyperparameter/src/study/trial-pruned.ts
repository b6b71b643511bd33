import { TsforecastError } from '@tsforecast/config';

/**
 * Thrown by an objective to stop a trial that `trial.shouldPrune()` flagged;
 * `Study.optimize` records the trial as pruned.
 *
 * @example
 * if (await trial.shouldPrune()) throw new TrialPruned(trial.number);
 */
export class TrialPruned extends TsforecastError {
  constructor(trialNumber?: number) {
    super(trialNumber === undefined ? 'trial pruned' : `trial ${trialNumber} pruned`);
  }
}
