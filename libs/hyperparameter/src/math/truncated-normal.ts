import type { Sfc32 } from '../random/sfc32';
import { logAddExp, logGaussMass, logNdtr, ndtriExp, normalLogPdf } from './normal-cdf';

/**
 * log density of N(mu, sigma²) truncated to [low, high]:
 * log φ((x−μ)/σ) − log σ − log(Φ((high−μ)/σ) − Φ((low−μ)/σ)); −∞ outside.
 */
export function truncatedNormalLogPdf(x: number, mu: number, sigma: number, low: number, high: number): number {
  if (x < low || x > high) return -Infinity;
  const z = (x - mu) / sigma;
  return normalLogPdf(z) - Math.log(sigma) - logGaussMass((low - mu) / sigma, (high - mu) / sigma);
}

/** cdf of N(mu, sigma²) truncated to [low, high]. */
export function truncatedNormalCdf(x: number, mu: number, sigma: number, low: number, high: number): number {
  if (x <= low) return 0;
  if (x >= high) return 1;
  const a = (low - mu) / sigma;
  const b = (high - mu) / sigma;
  const z = (x - mu) / sigma;
  const logTotal = logGaussMass(a, b);
  const logBelow = logGaussMass(a, z) - logTotal;
  // Near 1 the complement (mass above x) is the precise quantity.
  if (logBelow > -0.1) return -Math.expm1(logGaussMass(z, b) - logTotal);
  return Math.exp(logBelow);
}

/**
 * log of the mass a truncated normal puts on [lo, hi] ⊆ [low, high], i.e. the
 * "interval mass" used to score integers and stepped values:
 * log(cdf(hi) − cdf(lo)) computed as logGaussMass on the standardised bounds.
 */
export function truncatedNormalLogIntervalMass(lo: number, hi: number, mu: number, sigma: number, low: number, high: number): number {
  const a = (Math.max(lo, low) - mu) / sigma;
  const b = (Math.min(hi, high) - mu) / sigma;
  if (!(b > a)) return -Infinity;
  return logGaussMass(a, b) - logGaussMass((low - mu) / sigma, (high - mu) / sigma);
}

/**
 * One draw of N(mu, sigma²) truncated to [low, high] by inverting the cdf in log
 * space; the side with a < 0 is inverted directly, the other one mirrored.
 */
export function sampleTruncatedNormal(rng: Sfc32, mu: number, sigma: number, low: number, high: number): number {
  const a = (low - mu) / sigma;
  const b = (high - mu) / sigma;
  const u = rng.uniform();
  const logMass = logGaussMass(a, b);
  let z: number;
  if (a < 0) {
    z = ndtriExp(logAddExp(logNdtr(a), Math.log(u) + logMass));
  } else {
    z = -ndtriExp(logAddExp(logNdtr(-b), Math.log1p(-u) + logMass));
  }
  if (!Number.isFinite(z)) z = a < 0 ? a : b;
  const x = mu + sigma * Math.min(b, Math.max(a, z));
  return Math.min(high, Math.max(low, x));
}
