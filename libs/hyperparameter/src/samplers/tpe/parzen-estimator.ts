import { logGaussMass, normalLogPdf } from '../../math/normal-cdf';
import { sampleTruncatedNormal } from '../../math/truncated-normal';
import type { Prng } from '../../random/prng';
import { snapToDomain, type Distribution, type NumericDistribution } from '../../space/distribution';
import { fromModel, modelDomain, modelInterval, toModel } from '../../space/model-domain';

/** Settings of the kernel density estimate (Optuna's `_ParzenEstimatorParameters`). */
export interface ParzenOptions {
  readonly priorWeight: number;
  /** 'gap': per-dimension neighbour gaps (Optuna 5); 'scott': c·n^(−1/(D+4))·range (Optuna ≤ 4 multivariate). */
  readonly bandwidth: 'gap' | 'scott';
  readonly considerMagicClip: boolean;
  readonly considerEndpoints: boolean;
  /** Multiplier of the bandwidth (gap rule: 1; Scott rule: Optuna used 0.2). */
  readonly bandwidthScale: number;
}

interface NumericKernels {
  readonly kind: 'numeric';
  readonly d: NumericDistribution;
  readonly discrete: boolean;
  readonly low: number;
  readonly high: number;
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  /** log Z_k: log σ_k + log mass of the kernel on the domain (continuous), or the mass alone (discrete). */
  readonly logNorm: Float64Array;
}

interface CategoricalKernels {
  readonly kind: 'categorical';
  readonly size: number;
  /** Row-major [K, size] kernel probabilities and their logs. */
  readonly prob: Float64Array;
  readonly logProb: Float64Array;
}

type DimKernels = NumericKernels | CategoricalKernels;

/**
 * Per-dimension bandwidths from neighbour gaps (Optuna 5's rule, used for joint
 * and single-parameter kernels alike): sort the observations, pad with the
 * domain ends, and give each point the larger gap to its two neighbours; unless
 * `considerEndpoints`, the outermost points use their inner gap instead of the
 * distance to the domain end. The prior's mean takes no part (Optuna 5 dropped it).
 */
function gapSigmas(mus: Float64Array, n: number, low: number, high: number, considerEndpoints: boolean): Float64Array {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => mus[a] - mus[b] || a - b);
  const padded = [low, ...order.map((i) => mus[i]), high];
  const out = new Float64Array(n);
  order.forEach((original, j) => {
    // padded[j + 1] is this point; padded[j] and padded[j + 2] its neighbours.
    let sigma = Math.max(padded[j + 1] - padded[j], padded[j + 2] - padded[j + 1]);
    if (!considerEndpoints && n >= 2) {
      if (j === 0) sigma = padded[2] - padded[1];
      if (j === n - 1) sigma = padded[n] - padded[n - 1];
    }
    out[original] = sigma;
  });
  return out;
}

function numericKernels(d: NumericDistribution, values: readonly number[], nDims: number, options: ParzenOptions): NumericKernels {
  const n = values.length;
  const { low, high } = modelDomain(d);
  const range = high - low;
  const priorMu = d.prior ? d.prior.mu : 0.5 * (low + high);
  const priorSigma = d.prior ? d.prior.sigma : range;
  const mu = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) mu[i] = toModel(d, values[i]);
  mu[n] = priorMu;
  let sigmas: Float64Array;
  if (options.bandwidth === 'scott') {
    // Scott-like rule of Optuna ≤ 4 multivariate TPE: σ = c · n^(−1/(D+4)) · range for every kernel.
    sigmas = new Float64Array(n).fill(options.bandwidthScale * Math.max(n, 1) ** (-1 / (nDims + 4)) * range);
  } else {
    sigmas = gapSigmas(mu, n, low, high, options.considerEndpoints);
    if (options.bandwidthScale !== 1) for (let i = 0; i < n; i++) sigmas[i] *= options.bandwidthScale;
  }
  // Magic clip: σ ∈ [range / min(100, n_kernels + 1), range] with n_kernels = n + 1 (prior included).
  const minSigma = options.considerMagicClip ? range / Math.min(100, n + 2) : 1e-12;
  const sigma = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) sigma[i] = Math.min(range, Math.max(minSigma, sigmas[i]));
  sigma[n] = priorSigma;
  const discrete = d.step > 0;
  const logNorm = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    const mass = logGaussMass((low - mu[k]) / sigma[k], (high - mu[k]) / sigma[k]);
    logNorm[k] = discrete ? mass : mass + Math.log(sigma[k]);
  }
  return { kind: 'numeric', d, discrete, low, high, mu, sigma, logNorm };
}

function categoricalKernels(size: number, values: readonly number[], priorWeight: number): CategoricalKernels {
  const n = values.length;
  const kernels = n + 1;
  const prob = new Float64Array(kernels * size);
  // Each observation: priorWeight/K smoothing on every option plus 1 on its own; the prior row is uniform.
  for (let k = 0; k < n; k++) {
    const row = k * size;
    const base = priorWeight / kernels;
    for (let c = 0; c < size; c++) prob[row + c] = base;
    prob[row + values[k]] += 1;
    const total = base * size + 1;
    for (let c = 0; c < size; c++) prob[row + c] /= total;
  }
  for (let c = 0; c < size; c++) prob[n * size + c] = 1 / size;
  const logProb = prob.map(Math.log);
  return { kind: 'categorical', size, prob, logProb };
}

/**
 * A mixture of product kernels over a few parameters: one kernel per observation
 * plus a prior kernel, each a product over dimensions of truncated normals (in
 * model space), discrete truncated normals (scored by interval mass) or smoothed
 * categorical distributions.
 */
export class ParzenEstimator {
  private readonly dims: DimKernels[];
  private readonly weights: Float64Array;
  private readonly logWeights: Float64Array;
  private readonly kernels: number;

  /**
   * @param distributions one per dimension
   * @param observations `[n, D]` internal values, oldest trial first
   * @param observationWeights n weights (before adding the prior)
   */
  constructor(distributions: readonly Distribution[], observations: readonly (readonly number[])[], observationWeights: readonly number[], options: ParzenOptions) {
    const n = observations.length;
    this.kernels = n + 1;
    const raw = [...observationWeights, options.priorWeight];
    const total = raw.reduce((a, b) => a + b, 0);
    this.weights = Float64Array.from(raw, (w) => w / total);
    this.logWeights = this.weights.map(Math.log);
    this.dims = distributions.map((d, j) => {
      const column = observations.map((row) => row[j]);
      return d.kind === 'categorical' ? categoricalKernels(d.size, column, options.priorWeight) : numericKernels(d, column, distributions.length, options);
    });
  }

  /** `count` draws from the mixture, each `[D]` internal values. */
  sample(rng: Prng, count: number): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < count; i++) {
      const k = rng.weightedIndex(this.weights, 1);
      out.push(
        this.dims.map((dim) => {
          if (dim.kind === 'categorical') return rng.weightedIndex(dim.prob.subarray(k * dim.size, (k + 1) * dim.size), 1);
          const y = sampleTruncatedNormal(rng, dim.mu[k], dim.sigma[k], dim.low, dim.high);
          return snapToDomain(dim.d, fromModel(dim.d, y));
        }),
      );
    }
    return out;
  }

  /** log density (mass for discrete dimensions) of each `[D]` point. */
  logPdf(points: readonly (readonly number[])[]): Float64Array {
    const K = this.kernels;
    const acc = new Float64Array(points.length * K);
    for (let i = 0; i < points.length; i++) acc.set(this.logWeights, i * K);
    this.dims.forEach((dim, j) => {
      if (dim.kind === 'categorical') {
        for (let i = 0; i < points.length; i++) {
          const c = points[i][j];
          for (let k = 0; k < K; k++) acc[i * K + k] += dim.logProb[k * dim.size + c];
        }
      } else if (dim.discrete) {
        // Interval mass of the value's grid cell; candidates repeat values, so cache per value.
        const cache = new Map<number, Float64Array>();
        for (let i = 0; i < points.length; i++) {
          const v = points[i][j];
          let terms = cache.get(v);
          if (!terms) {
            terms = new Float64Array(K);
            const cell = modelInterval(dim.d, v);
            const lo = Math.max(cell.low, dim.low);
            const hi = Math.min(cell.high, dim.high);
            for (let k = 0; k < K; k++) terms[k] = logGaussMass((lo - dim.mu[k]) / dim.sigma[k], (hi - dim.mu[k]) / dim.sigma[k]) - dim.logNorm[k];
            cache.set(v, terms);
          }
          for (let k = 0; k < K; k++) acc[i * K + k] += terms[k];
        }
      } else {
        for (let i = 0; i < points.length; i++) {
          const y = toModel(dim.d, points[i][j]);
          for (let k = 0; k < K; k++) acc[i * K + k] += normalLogPdf((y - dim.mu[k]) / dim.sigma[k]) - dim.logNorm[k];
        }
      }
    });
    const out = new Float64Array(points.length);
    for (let i = 0; i < points.length; i++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, acc[i * K + k]);
      if (max === -Infinity) {
        out[i] = -Infinity;
        continue;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(acc[i * K + k] - max);
      out[i] = max + Math.log(sum);
    }
    return out;
  }
}
