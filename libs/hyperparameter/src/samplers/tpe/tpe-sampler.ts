import { UsageError } from '@tsforecast/config';
import type { FrozenTrial } from '../../frozen-trial';
import { Prng } from '../../random/prng';
import { isSingle, sameDistribution, type Distribution } from '../../space/distribution';
import type { FlatSpace } from '../../space/flat-space';
import { resolveSeed } from '../resolve-seed';
import { samplePrior } from '../sample-prior';
import type { Sampler, SamplerConfig, SamplingContext, TrialSampling } from '../sampler';
import { ParzenEstimator, type ParzenOptions } from './parzen-estimator';
import { defaultGamma, defaultWeights, splitTrials } from './split-trials';

/** Options of {@link TpeSampler}; defaults follow Optuna 5's `TPESampler` except `constantLiar`. */
export interface TpeSamplerOptions {
  seed?: number;
  /** Random trials before TPE starts (finished = complete or pruned trials). Default 10. */
  nStartupTrials?: number;
  /** Candidates drawn from l(x) per suggestion. Default 24. */
  nEiCandidates?: number;
  /** Weight of the prior kernel. Default 1. */
  priorWeight?: number;
  /** Joint kernels over the parameters every finished trial has. Default true (as Optuna 5). */
  multivariate?: boolean;
  /** Running trials join the bad set, so parallel workers spread out. Default true (Optuna: false). */
  constantLiar?: boolean;
  /** Bandwidth rule: 'gap' (neighbour gaps per dimension, Optuna 5) or 'scott' (Optuna ≤ 4 multivariate). Default 'gap'. */
  bandwidth?: 'gap' | 'scott';
  /** Multiplier of the bandwidth. Default 1 for 'gap', 0.2 for 'scott'. */
  bandwidthScale?: number;
  considerMagicClip?: boolean;
  considerEndpoints?: boolean;
}

interface ResolvedTpe {
  nStartupTrials: number;
  nEiCandidates: number;
  constantLiar: boolean;
  multivariate: boolean;
  parzen: ParzenOptions;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`'${name}' must be an integer >= 0, got ${value}`);
  return value;
}

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), following Optuna 5's
 * `TPESampler`: split finished trials into good/bad sets, fit a Parzen estimator
 * to each, draw `nEiCandidates` points from the good one l(x) and keep the one
 * maximising log l(x) − log g(x).
 *
 * Parameters that every finished trial has are sampled jointly (multivariate
 * kernels); the others (conditional branches) one at a time (univariate TPE).
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
    if (bandwidth !== 'gap' && bandwidth !== 'scott') throw new UsageError(`'bandwidth' must be 'gap' or 'scott', got '${String(bandwidth)}'`);
    const bandwidthScale = options.bandwidthScale ?? (bandwidth === 'gap' ? 1 : 0.2);
    if (!(bandwidthScale > 0)) throw new UsageError(`'bandwidthScale' must be > 0, got ${bandwidthScale}`);
    const nEiCandidates = nonNegativeInteger('nEiCandidates', options.nEiCandidates ?? 24);
    if (nEiCandidates < 1) throw new UsageError(`'nEiCandidates' must be an integer >= 1, got ${nEiCandidates}`);
    this.settings = {
      nStartupTrials: nonNegativeInteger('nStartupTrials', options.nStartupTrials ?? 10),
      nEiCandidates,
      constantLiar: options.constantLiar ?? true,
      multivariate: options.multivariate ?? true,
      parzen: {
        priorWeight,
        bandwidth,
        considerMagicClip: options.considerMagicClip ?? true,
        considerEndpoints: options.considerEndpoints ?? false,
        bandwidthScale,
      },
    };
    const { parzen, ...rest } = this.settings;
    this.config = { kind: 'tpe', seed: resolveSeed(options.seed), options: { ...rest, ...parzen } };
  }

  begin(context: SamplingContext): TrialSampling {
    const rng = Prng.derive(this.config.seed, context.trialNumber, 2);
    const finished = context.trials.filter((t) => t.state === 'complete' || t.state === 'pruned');
    if (finished.length < this.settings.nStartupTrials || finished.length === 0) {
      return { relative: new Map(), independent: (_name, d) => samplePrior(d, rng) };
    }
    const considered = this.settings.constantLiar ? context.trials.filter((t) => t.state !== 'failed') : finished;
    const { below, above } = splitTrials(considered, context.direction, defaultGamma(finished.length));

    const relative = new Map<string, number>();
    if (this.settings.multivariate) {
      const shared = sharedParams(context.space, finished);
      if (shared.length > 0) {
        const values = this.suggest(shared, below, above, rng);
        shared.forEach((p, j) => relative.set(p.name, values[j]));
      }
    }
    return {
      relative,
      independent: (name, d) => this.suggest([{ name, distribution: d }], below, above, rng)[0],
    };
  }

  /** The best of `nEiCandidates` draws from l(x), by log l(x) − log g(x). */
  private suggest(params: ReadonlyArray<{ name: string; distribution: Distribution }>, below: readonly FrozenTrial[], above: readonly FrozenTrial[], rng: Prng): number[] {
    const parzen = this.settings.parzen;
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
    .filter((p) => finished.every((t) => t.params[p.name] !== undefined && t.distributions[p.name] !== undefined && sameDistribution(t.distributions[p.name], p.distribution)))
    .map((p) => ({ name: p.name, distribution: p.distribution }));
}

/** A Parzen estimator over the trials that have all `params` (with the same distributions). */
function estimator(params: ReadonlyArray<{ name: string; distribution: Distribution }>, trials: readonly FrozenTrial[], options: ParzenOptions): ParzenEstimator {
  const rows: number[][] = [];
  for (const t of trials) {
    if (!params.every((p) => t.params[p.name] !== undefined && (t.distributions[p.name] === undefined || sameDistribution(t.distributions[p.name], p.distribution)))) continue;
    rows.push(params.map((p) => t.params[p.name]));
  }
  return new ParzenEstimator(params.map((p) => p.distribution), rows, defaultWeights(rows.length), options);
}
