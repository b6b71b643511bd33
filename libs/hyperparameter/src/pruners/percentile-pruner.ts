import { UsageError } from '@tsforecast/config';
import { lastIntermediate, type FrozenTrial } from '../frozen-trial';
import type { Pruner, PrunerConfig, PruningContext } from './pruner';

/** Options shared by {@link PercentilePruner} and {@link MedianPruner} (Optuna's defaults). */
export interface PercentilePrunerOptions {
  /** Pruning starts once this many trials completed. Default 5. */
  nStartupTrials?: number;
  /** No pruning before this step. Default 0. */
  nWarmupSteps?: number;
  /** Check every `intervalSteps` steps after the warm-up. Default 1. */
  intervalSteps?: number;
  /** Minimum number of completed trials that reported the step. Default 1. */
  nMinTrials?: number;
}

function integerAtLeast(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new UsageError(`'${name}' must be an integer >= ${min}, got ${value}`);
  return value;
}

/** Linear-interpolated percentile of the non-NaN values (numpy's `nanpercentile`); NaN when none. */
export function nanPercentile(values: readonly number[], percentile: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = ((sorted.length - 1) * percentile) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * True when `step` is the first reported step at or after the latest check
 * point warmup + k·interval (checks wait for a report, then happen once).
 */
function isFirstInInterval(step: number, trial: FrozenTrial, warmup: number, interval: number): boolean {
  const nearestCheck = Math.floor((step - warmup) / interval) * interval + warmup;
  let secondLast = -1;
  for (const [s] of trial.intermediate) if (s > secondLast && s !== step) secondLast = s;
  return secondLast < nearestCheck;
}

/**
 * Prunes a trial whose best intermediate value so far is worse than the given
 * percentile of the completed trials' values at the same step (Optuna's
 * `PercentilePruner`).
 */
export class PercentilePruner implements Pruner {
  readonly config: PrunerConfig;
  private readonly nStartupTrials: number;
  private readonly nWarmupSteps: number;
  private readonly intervalSteps: number;
  private readonly nMinTrials: number;

  constructor(
    private readonly percentile: number,
    options: PercentilePrunerOptions = {},
    kind: 'median' | 'percentile' = 'percentile',
  ) {
    if (!(percentile >= 0 && percentile <= 100)) throw new UsageError(`'percentile' must be in [0, 100], got ${percentile}`);
    this.nStartupTrials = integerAtLeast('nStartupTrials', options.nStartupTrials ?? 5, 0);
    this.nWarmupSteps = integerAtLeast('nWarmupSteps', options.nWarmupSteps ?? 0, 0);
    this.intervalSteps = integerAtLeast('intervalSteps', options.intervalSteps ?? 1, 1);
    this.nMinTrials = integerAtLeast('nMinTrials', options.nMinTrials ?? 1, 1);
    const common = {
      nStartupTrials: this.nStartupTrials,
      nWarmupSteps: this.nWarmupSteps,
      intervalSteps: this.intervalSteps,
      nMinTrials: this.nMinTrials,
    };
    this.config = kind === 'median' ? { kind, options: common } : { kind, options: { percentile, ...common } };
  }

  shouldPrune({ trial, trials, direction }: PruningContext): boolean {
    const completed = trials.filter((t) => t.state === 'complete');
    if (completed.length === 0 || completed.length < this.nStartupTrials) return false;
    const last = lastIntermediate(trial);
    if (last === undefined) return false;
    const step = last[0];
    if (step < this.nWarmupSteps) return false;
    if (!isFirstInInterval(step, trial, this.nWarmupSteps, this.intervalSteps)) return false;

    const own = trial.intermediate.map(([, v]) => v).filter((v) => !Number.isNaN(v));
    if (own.length === 0) return true;
    const best = direction === 'minimize' ? Math.min(...own) : Math.max(...own);

    const atStep: number[] = [];
    for (const t of completed) {
      const hit = t.intermediate.find(([s]) => s === step);
      if (hit) atStep.push(hit[1]);
    }
    if (atStep.length < this.nMinTrials) return false;
    const p = nanPercentile(atStep, direction === 'maximize' ? 100 - this.percentile : this.percentile);
    if (Number.isNaN(p)) return false;
    return direction === 'maximize' ? best < p : best > p;
  }
}

/**
 * Prunes a trial whose best intermediate value is worse than the median of the
 * completed trials at the same step (Optuna's `MedianPruner`: startup 5 trials,
 * warm-up 0 steps, interval 1, at least 1 trial at the step).
 *
 * @example
 * const pruner = new MedianPruner({ nWarmupSteps: 10 });
 */
export class MedianPruner extends PercentilePruner {
  constructor(options: PercentilePrunerOptions = {}) {
    super(50, options, 'median');
  }
}
