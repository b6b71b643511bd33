import { sampleTruncatedNormal } from '../math/truncated-normal';
import type { Sfc32 } from '../random/sfc32';
import { snapToDomain, type Distribution } from '../space/distribution';
import { fromModel, modelDomain } from '../space/model-domain';

/**
 * One draw from a parameter's prior: uniform over the options of a choice,
 * uniform in model space (log-uniform for log domains, uniform over grid cells
 * for stepped ones), or the truncated normal of a normal/lognormal expression.
 */
export function samplePrior(d: Distribution, rng: Sfc32): number {
  if (d.kind === 'categorical') return rng.int(d.size);
  const { low, high } = modelDomain(d);
  const y = d.prior ? sampleTruncatedNormal(rng, d.prior.mu, d.prior.sigma, low, high) : low + rng.uniform() * (high - low);
  return snapToDomain(d, fromModel(d, y));
}
