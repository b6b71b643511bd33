import { UsageError } from '@tsforecast/config';
import { Sfc32 } from '../random/sfc32';
import type { Pruner, PrunerConfig, PruningContext } from './pruner';
import { SuccessiveHalvingPruner } from './successive-halving-pruner';

/** Options of {@link HyperbandPruner}. */
export interface HyperbandOptions {
  /** Steps before the first rung. Default 1. */
  minResource?: number;
  /** The step count of a full trial (e.g. max epochs). Required. */
  maxResource: number;
  /** η. Default 3 (Optuna's Hyperband default). */
  reductionFactor?: number;
}

/**
 * Hyperband (Li et al. 2018) over asynchronous Successive Halving: brackets
 * b = 0…B−1 run SHA with early-stopping rate b, B = ⌊log_η(max/min)⌋ + 1. A
 * trial's bracket is a hash of its number weighted by the bracket budgets
 * ⌈B/(B−b)·η^(B−1−b)⌉, and it only competes with trials of its own bracket.
 */
export class HyperbandPruner implements Pruner {
  readonly config: PrunerConfig;
  private readonly brackets: SuccessiveHalvingPruner[];
  private readonly budgets: number[];

  constructor(options: HyperbandOptions) {
    const minResource = options.minResource ?? 1;
    const eta = options.reductionFactor ?? 3;
    if (!(Number.isInteger(options.maxResource) && options.maxResource > minResource)) {
      throw new UsageError(`'maxResource' must be an integer > minResource (${minResource}), got ${options.maxResource}`);
    }
    const n = Math.floor(Math.log(options.maxResource / minResource) / Math.log(eta) + 1e-9) + 1;
    this.brackets = Array.from(
      { length: n },
      (_, b) => new SuccessiveHalvingPruner({ minResource, reductionFactor: eta, minEarlyStoppingRate: b }, 'hyperband'),
    );
    this.budgets = Array.from({ length: n }, (_, b) => Math.ceil((n / (n - b)) * eta ** (n - 1 - b)));
    this.config = { kind: 'hyperband', options: { minResource, maxResource: options.maxResource, reductionFactor: eta } };
  }

  /** The bracket of a trial number (deterministic, so every process agrees). */
  bracketOf(trialNumber: number): number {
    const total = this.budgets.reduce((a, b) => a + b, 0);
    let slot = Sfc32.derive(0x4b1d, trialNumber).nextUint32() % total;
    for (let b = 0; b < this.budgets.length; b++) {
      slot -= this.budgets[b];
      if (slot < 0) return b;
    }
    return this.budgets.length - 1;
  }

  shouldPrune(context: PruningContext): boolean {
    const bracket = this.bracketOf(context.trial.number);
    const peers = context.trials.filter((t) => this.bracketOf(t.number) === bracket);
    return this.brackets[bracket].shouldPrune({ ...context, trials: peers });
  }
}
