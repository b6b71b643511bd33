import type { NumericExpr } from './expressions';

/**
 * A flattened parameter's domain, in the "internal representation" the samplers
 * and the storage use: numeric parameters as their value, a choice as the index
 * of the chosen option.
 *
 * Numeric domains are [low, high]; with `step` the values are low + k·step
 * (high is already the last grid point). `log` means the sampler models log x.
 * `prior` (normal/lognormal expressions) centres the TPE prior kernel and the
 * random draws at mu with sd sigma (in log units when `log`).
 */
export type Distribution = NumericDistribution | CategoricalDistribution;

/** A float or integer domain. */
export interface NumericDistribution {
  readonly kind: 'float' | 'int';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  /** Grid spacing; 0 for continuous floats, ≥ 1 for ints. */
  readonly step: number;
  readonly prior?: { readonly mu: number; readonly sigma: number };
}

/** A choice among `size` options, represented by the option index. */
export interface CategoricalDistribution {
  readonly kind: 'categorical';
  readonly size: number;
}

const SIGMAS = 6;

function stepped(low: number, high: number, step: number): { low: number; high: number } {
  // The last grid point ≤ high; the epsilon keeps (1 − 0.1)/0.1 = 8.9999… from losing a point.
  const k = Math.floor((high - low) / step + 1e-9);
  return { low, high: low + k * step };
}

/** The domain of one numeric expression. */
export function distributionOf(expr: NumericExpr): NumericDistribution {
  switch (expr.$hp) {
    case 'uniform':
      return { kind: 'float', low: expr.low, high: expr.high, log: false, step: 0 };
    case 'loguniform':
      return { kind: 'float', low: expr.low, high: expr.high, log: true, step: 0 };
    case 'quniform':
      return { kind: 'float', ...stepped(expr.low, expr.high, expr.q), log: false, step: expr.q };
    case 'qloguniform':
      return { kind: 'float', ...stepped(expr.low, expr.high, expr.q), log: true, step: expr.q };
    case 'randint':
      return { kind: 'int', low: expr.low, high: expr.high, log: expr.log === true, step: 1 };
    case 'normal':
      return {
        kind: 'float',
        low: expr.mu - SIGMAS * expr.sigma,
        high: expr.mu + SIGMAS * expr.sigma,
        log: false,
        step: 0,
        prior: { mu: expr.mu, sigma: expr.sigma },
      };
    case 'lognormal':
      return {
        kind: 'float',
        low: Math.exp(expr.mu - SIGMAS * expr.sigma),
        high: Math.exp(expr.mu + SIGMAS * expr.sigma),
        log: true,
        step: 0,
        prior: { mu: expr.mu, sigma: expr.sigma },
      };
    case 'qnormal': {
      // Multiples of q, as hyperopt's round(x/q)·q.
      const low = Math.floor((expr.mu - SIGMAS * expr.sigma) / expr.q) * expr.q;
      const high = Math.ceil((expr.mu + SIGMAS * expr.sigma) / expr.q) * expr.q;
      return { kind: 'float', low, high, log: false, step: expr.q, prior: { mu: expr.mu, sigma: expr.sigma } };
    }
    case 'qlognormal': {
      // Multiples of q and at least q: a log-modelled value cannot be 0.
      const low = Math.max(1, Math.floor(Math.exp(expr.mu - SIGMAS * expr.sigma) / expr.q)) * expr.q;
      const high = Math.max(low + expr.q, Math.ceil(Math.exp(expr.mu + SIGMAS * expr.sigma) / expr.q) * expr.q);
      return { kind: 'float', low, high, log: true, step: expr.q, prior: { mu: expr.mu, sigma: expr.sigma } };
    }
  }
}

/** Number of values of a discrete domain (Infinity for continuous floats). */
export function cardinality(d: Distribution): number {
  if (d.kind === 'categorical') return d.size;
  if (d.step === 0) return Infinity;
  return Math.round((d.high - d.low) / d.step) + 1;
}

/** True when the domain has a single value (nothing to sample). */
export function isSingle(d: Distribution): boolean {
  return cardinality(d) === 1;
}

/** The k-th value of a discrete domain. */
export function gridValue(d: Distribution, k: number): number {
  if (d.kind === 'categorical') return k;
  // Rounding to 12 significant digits removes float noise from low + k·step.
  return d.kind === 'int' ? d.low + k * d.step : Number((d.low + k * d.step).toPrecision(12));
}

/** Snaps x to the nearest grid value inside the domain (identity for continuous floats). */
export function snapToDomain(d: Distribution, x: number): number {
  if (d.kind === 'categorical') return Math.min(d.size - 1, Math.max(0, Math.round(x)));
  const clamped = Math.min(d.high, Math.max(d.low, x));
  if (d.step === 0) return clamped;
  const k = Math.round((clamped - d.low) / d.step);
  return gridValue(d, Math.min(cardinality(d) - 1, Math.max(0, k)));
}

/** True when x is a valid internal value of the domain. */
export function contains(d: Distribution, x: number): boolean {
  if (!Number.isFinite(x)) return false;
  if (d.kind === 'categorical') return Number.isInteger(x) && x >= 0 && x < d.size;
  if (x < d.low - 1e-12 * Math.abs(d.low) || x > d.high + 1e-12 * Math.abs(d.high)) return false;
  return d.step === 0 || Math.abs(snapToDomain(d, x) - x) <= 1e-9 * Math.max(1, Math.abs(x));
}

/** Structural equality (two trials used the same domain for a parameter). */
export function sameDistribution(a: Distribution, b: Distribution): boolean {
  if (a.kind === 'categorical' || b.kind === 'categorical')
    return a.kind === b.kind && (a as CategoricalDistribution).size === (b as CategoricalDistribution).size;
  return (
    a.kind === b.kind &&
    a.low === b.low &&
    a.high === b.high &&
    a.log === b.log &&
    a.step === b.step &&
    a.prior?.mu === b.prior?.mu &&
    a.prior?.sigma === b.prior?.sigma
  );
}
