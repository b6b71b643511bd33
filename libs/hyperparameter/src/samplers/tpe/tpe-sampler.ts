import { UsageError } from '@tsforecast/config';
import type { FrozenTrial } from '../../frozen-trial';
import { Sfc32 } from '../../random/sfc32';
import { isSingle, sameDistribution, type Distribution } from '../../space/distribution';
import type { FlatSpace } from '../../space/flat-space';
import { resolveSeed } from '../resolve-seed';
import { samplePrior } from '../sample-prior';
import type { Sampler, SamplerConfig, SamplingContext, TrialSampling } from '../sampler';
import { ParzenEstimator, type ParzenOptions } from './parzen-estimator';
import { defaultGamma, defaultWeights, splitTrials } from './split-trials';

/**
 * Options of {@link TpeSampler}. Defaults follow Optuna's `TPESampler` with
 * `multivariate=True` except `nEiCandidates` 64 (Optuna 24), `bandwidthFloorCap`
 * 0.05 (Optuna: no cap), both measured in BENCHMARKS.md ("Hyperparameter
 * search"), and `constantLiar` on. {@link OPTUNA_TPE_OPTIONS} restores the first two.
 */
export interface TpeSamplerOptions {
  seed?: number;
  /** Random trials before TPE starts (finished = complete or pruned trials). Default 10. */
  nStartupTrials?: number;
  /** Candidates drawn from l(x) per suggestion. Default 64 (Optuna: 24). */
  nEiCandidates?: number;
  /** Weight of the prior kernel. Default 1. */
  priorWeight?: number;
  /** Joint kernels over the parameters every finished trial has (Optuna's `multivariate=True`). Default true. */
  multivariate?: boolean;
  /** Running trials join the bad set, so parallel workers spread out. Default true (Optuna: false). */
  constantLiar?: boolean;
  /** Bandwidth rule: 'gap' (neighbour gaps per dimension) or 'scott' (Optuna's multivariate rule). Default 'gap'. */
  bandwidth?: 'gap' | 'scott';
  /** Multiplier of the bandwidth. Default 1 for 'gap', 0.2 for 'scott'. */
  bandwidthScale?: number;
  /** Floor the bandwidths at range / min(100, n + 2) (Optuna's magic clip). Default true. */
  considerMagicClip?: boolean;
  /**
   * Cap on that floor as a fraction of the range, in (0, 1]. Default 0.05; 1 is Optuna's rule.
   * Applied only while no other trial is running (see {@link TpeSampler}).
   */
  bandwidthFloorCap?: number;
  considerEndpoints?: boolean;
  /** Good-set size is min(⌈goodFraction·n⌉, goodCap). Defaults 0.1 and 25 (Optuna's gamma). */
  goodFraction?: number;
  goodCap?: number;
}

/** Optuna's candidate count and bandwidth floor: with them {@link TpeSampler} follows the Optuna rules listed in docs/TUNING.md. */
export const OPTUNA_TPE_OPTIONS: Readonly<TpeSamplerOptions> = { nEiCandidates: 24, bandwidthFloorCap: 1 };

interface ResolvedTpe {
  nStartupTrials: number;
  nEiCandidates: number;
  constantLiar: boolean;
  multivariate: boolean;
  goodFraction: number;
  goodCap: number;
  parzen: ParzenOptions;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`'${name}' must be an integer >= 0, got ${value}`);
  return value;
}

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), following Optuna's
 * `TPESampler` (differences in docs/TUNING.md): split finished trials into good/bad sets, fit a Parzen estimator
 * to each, draw `nEiCandidates` points from the good one l(x) and keep the one
 * maximising log l(x) − log g(x).
 *
 * Parameters that every finished trial has are sampled jointly (multivariate
 * kernels); the others (conditional branches) one at a time (univariate TPE).
 * The bandwidth floor is capped only while no other trial runs, so that
 * concurrent workers keep the constant liar's spread.
 *
 * @example
 * const study = await Study.create({ name: 'demo', space, sampler: new TpeSampler({ seed: 1 }), storage });
 */
export class TpeSampler implements Sampler {
  readonly config: SamplerConfig;
  private readonly settings: ResolvedTpe;

  constructor(options: TpeSamplerOptions = {}) {
    const priorWeight = options.priorWeight ?? 1;
    if (!(priorWeight > 0)) throw new UsageError(`'priorWeight' must be > 0, got ${priorWeight}`);
    const bandwidth = options.bandwidth ?? 'gap';
    if (bandwidth !== 'gap' && bandwidth !== 'scott')
      throw new UsageError(`'bandwidth' must be 'gap' or 'scott', got '${String(bandwidth)}'`);
    const bandwidthScale = options.bandwidthScale ?? (bandwidth === 'gap' ? 1 : 0.2);
    if (!(bandwidthScale > 0)) throw new UsageError(`'bandwidthScale' must be > 0, got ${bandwidthScale}`);
    const nEiCandidates = nonNegativeInteger('nEiCandidates', options.nEiCandidates ?? 64);
    if (nEiCandidates < 1) throw new UsageError(`'nEiCandidates' must be an integer >= 1, got ${nEiCandidates}`);
    const bandwidthFloorCap = options.bandwidthFloorCap ?? 0.05;
    if (!(bandwidthFloorCap > 0 && bandwidthFloorCap <= 1))
      throw new UsageError(`'bandwidthFloorCap' must be in (0, 1], got ${bandwidthFloorCap}`);
    const goodFraction = options.goodFraction ?? 0.1;
    if (!(goodFraction > 0 && goodFraction <= 1)) throw new UsageError(`'goodFraction' must be in (0, 1], got ${goodFraction}`);
    const goodCap = options.goodCap ?? 25;
    if (!Number.isInteger(goodCap) || goodCap < 1) throw new UsageError(`'goodCap' must be an integer >= 1, got ${goodCap}`);
    this.settings = {
      nStartupTrials: nonNegativeInteger('nStartupTrials', options.nStartupTrials ?? 10),
      nEiCandidates,
      constantLiar: options.constantLiar ?? true,
      multivariate: options.multivariate ?? true,
      goodFraction,
      goodCap,
      parzen: {
        priorWeight,
        bandwidth,
        considerMagicClip: options.considerMagicClip ?? true,
        considerEndpoints: options.considerEndpoints ?? false,
        bandwidthScale,
        bandwidthFloorCap,
      },
    };
    const { parzen, ...rest } = this.settings;
    this.config = { kind: 'tpe', seed: resolveSeed(options.seed), options: { ...rest, ...parzen } };
  }

  begin(context: SamplingContext): TrialSampling {
    const rng = Sfc32.derive(this.config.seed, context.trialNumber, 2);
    const finished = context.trials.filter((t) => t.state === 'complete' || t.state === 'pruned');
    if (finished.length < this.settings.nStartupTrials || finished.length === 0) {
      return { relative: new Map(), independent: (_name, d) => samplePrior(d, rng) };
    }
    const considered = this.settings.constantLiar ? context.trials.filter((t) => t.state !== 'failed') : finished;
    const { below, above } = splitTrials(
      considered,
      context.direction,
      defaultGamma(finished.length, this.settings.goodFraction, this.settings.goodCap),
    );
    // The capped floor sharpens l(x) for sequential search; while other trials run it would send
    // concurrent workers to the same spot despite the constant liar, so Optuna's floor applies then.
    const othersRunning = context.trials.some((t) => t.state === 'running');
    const parzen: ParzenOptions = othersRunning ? { ...this.settings.parzen, bandwidthFloorCap: 1 } : this.settings.parzen;

    const relative = new Map<string, number>();
    if (this.settings.multivariate) {
      const shared = sharedParams(context.space, finished);
      if (shared.length > 0) {
        const values = this.suggest(shared, below, above, rng, parzen);
        shared.forEach((p, j) => relative.set(p.name, values[j]));
      }
    }
    return {
      relative,
      independent: (name, d) => this.suggest([{ name, distribution: d }], below, above, rng, parzen)[0],
    };
  }

  /** The best of `nEiCandidates` draws from l(x), by log l(x) − log g(x). */
  private suggest(
    params: ReadonlyArray<{ name: string; distribution: Distribution }>,
    below: readonly FrozenTrial[],
    above: readonly FrozenTrial[],
    rng: Sfc32,
    parzen: ParzenOptions,
  ): number[] {
    const distributions = params.map((p) => p.distribution);
    const l = estimator(params, below, parzen);
    const g = estimator(params, above, parzen);
    const candidates = l.sample(rng, this.settings.nEiCandidates);
    const logL = l.logPdf(candidates);
    const logG = g.logPdf(candidates);
    let best = 0;
    let bestScore = -Infinity;
    for (let i = 0; i < candidates.length; i++) {
      const score = logL[i] - logG[i];
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (distributions.length === 0) return [];
    return candidates[best];
  }
}

/** Parameters present, with the current distribution, in every finished trial (and not single-valued). */
function sharedParams(space: FlatSpace, finished: readonly FrozenTrial[]): Array<{ name: string; distribution: Distribution }> {
  return space.params
    .filter((p) => !isSingle(p.distribution))
    .filter((p) =>
      finished.every(
        (t) =>
          t.params[p.name] !== undefined &&
          t.distributions[p.name] !== undefined &&
          sameDistribution(t.distributions[p.name], p.distribution),
      ),
    )
    .map((p) => ({ name: p.name, distribution: p.distribution }));
}

/** A Parzen estimator over the trials that have all `params` (with the same distributions). */
function estimator(
  params: ReadonlyArray<{ name: string; distribution: Distribution }>,
  trials: readonly FrozenTrial[],
  options: ParzenOptions,
): ParzenEstimator {
  const rows: number[][] = [];
  for (const t of trials) {
    if (
      !params.every(
        (p) =>
          t.params[p.name] !== undefined &&
          (t.distributions[p.name] === undefined || sameDistribution(t.distributions[p.name], p.distribution)),
      )
    )
      continue;
    rows.push(params.map((p) => t.params[p.name]));
  }
  return new ParzenEstimator(
    params.map((p) => p.distribution),
    rows,
    defaultWeights(rows.length),
    options,
  );
}
