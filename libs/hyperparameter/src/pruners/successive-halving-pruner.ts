import { UsageError } from '@tsforecast/config';
import { lastIntermediate, type Direction, type FrozenTrial } from '../frozen-trial';
import type { Pruner, PrunerConfig, PruningContext } from './pruner';

/** Options of {@link SuccessiveHalvingPruner} (Optuna's defaults). */
export interface SuccessiveHalvingOptions {
  /** Steps before the first rung, or 'auto' (max last step of completed trials / 100, at least 1). */
  minResource?: number | 'auto';
  /** η: the top 1/η of a rung is promoted. Default 4. */
  reductionFactor?: number;
  /** s: rung r sits at minResource·η^(s + r). Default 0. */
  minEarlyStoppingRate?: number;
  /** Prune until a rung has more than this many values. Default 0. */
  bootstrapCount?: number;
}

/**
 * The value a trial recorded at a rung whose promotion step is `promotionStep`:
 * its value at its first reported step ≥ that step (where a trial that calls
 * `shouldPrune()` after every report is judged for the rung).
 */
function rungValue(trial: FrozenTrial, promotionStep: number): number | undefined {
  for (const [step, value] of trial.intermediate) if (step >= promotionStep) return value;
  return undefined;
}

function promotable(value: number, competing: number[], reductionFactor: number, direction: Direction): boolean {
  let index = Math.floor(competing.length / reductionFactor) - 1;
  // With fewer than η values the best one so far is promoted (trials cannot pause to wait for more).
  if (index === -1) index = 0;
  competing.sort((a, b) => a - b);
  return direction === 'maximize' ? value >= competing[competing.length - 1 - index] : value <= competing[index];
}

/**
 * Asynchronous Successive Halving (Li et al. 2018), as Optuna's
 * `SuccessiveHalvingPruner`: when a trial reaches rung r (step
 * minResource·η^(s+r)) it continues only if its value is in the top 1/η of
 * the values every trial had at that rung.
 *
 * Rung values are derived from the stored intermediate values rather than
 * stored separately, so several processes share them through the storage.
 */
export class SuccessiveHalvingPruner implements Pruner {
  readonly config: PrunerConfig;
  private minResource: number | undefined;
  private readonly reductionFactor: number;
  private readonly minEarlyStoppingRate: number;
  private readonly bootstrapCount: number;

  constructor(options: SuccessiveHalvingOptions = {}, kind: 'sha' | 'hyperband' = 'sha') {
    const minResource = options.minResource ?? 'auto';
    if (minResource !== 'auto' && !(Number.isInteger(minResource) && minResource >= 1)) {
      throw new UsageError(`'minResource' must be an integer >= 1 or 'auto', got ${String(minResource)}`);
    }
    this.minResource = minResource === 'auto' ? undefined : minResource;
    this.reductionFactor = options.reductionFactor ?? 4;
    if (!(Number.isInteger(this.reductionFactor) && this.reductionFactor >= 2))
      throw new UsageError(`'reductionFactor' must be an integer >= 2, got ${this.reductionFactor}`);
    this.minEarlyStoppingRate = options.minEarlyStoppingRate ?? 0;
    if (!(Number.isInteger(this.minEarlyStoppingRate) && this.minEarlyStoppingRate >= 0))
      throw new UsageError(`'minEarlyStoppingRate' must be an integer >= 0, got ${this.minEarlyStoppingRate}`);
    this.bootstrapCount = options.bootstrapCount ?? 0;
    if (!(Number.isInteger(this.bootstrapCount) && this.bootstrapCount >= 0))
      throw new UsageError(`'bootstrapCount' must be an integer >= 0, got ${this.bootstrapCount}`);
    if (this.bootstrapCount > 0 && minResource === 'auto')
      throw new UsageError(`'bootstrapCount' > 0 needs a numeric 'minResource', got 'auto'`);
    this.config = {
      kind,
      options: {
        minResource,
        reductionFactor: this.reductionFactor,
        minEarlyStoppingRate: this.minEarlyStoppingRate,
        bootstrapCount: this.bootstrapCount,
      },
    };
  }

  shouldPrune({ trial, trials, direction }: PruningContext): boolean {
    const last = lastIntermediate(trial);
    if (last === undefined) return false;
    if (this.minResource === undefined) {
      this.minResource = estimateMinResource(trials);
      if (this.minResource === undefined) return false;
    }
    const [step, value] = last;
    const promotionStep = (rung: number): number => this.minResource! * this.reductionFactor ** (this.minEarlyStoppingRate + rung);
    // Rungs already passed at the previous report.
    const previous = trial.intermediate.length >= 2 ? trial.intermediate[trial.intermediate.length - 2][0] : -Infinity;
    let rung = 0;
    while (previous >= promotionStep(rung)) rung++;

    for (;;) {
      const atStep = promotionStep(rung);
      if (step < atStep) return false;
      if (Number.isNaN(value)) return true;
      const competing = [value];
      for (const other of trials) {
        if (other.number === trial.number) continue;
        const v = rungValue(other, atStep);
        if (v !== undefined) competing.push(v);
      }
      if (competing.length <= this.bootstrapCount) return true;
      if (!promotable(value, competing, this.reductionFactor, direction)) return true;
      rung++;
    }
  }
}

/** Optuna's 'auto' minimum resource: max(last step of completed trials) / 100, at least 1. */
function estimateMinResource(trials: readonly FrozenTrial[]): number | undefined {
  let maxStep = -1;
  for (const t of trials) {
    const last = t.state === 'complete' ? lastIntermediate(t) : undefined;
    if (last !== undefined) maxStep = Math.max(maxStep, last[0]);
  }
  return maxStep < 0 ? undefined : Math.max(Math.floor(maxStep / 100), 1);
}
