import { Sfc32 } from '../random/sfc32';
import type { Sampler, SamplerConfig, SamplingContext, TrialSampling } from './sampler';
import { samplePrior } from './sample-prior';
import { resolveSeed } from './resolve-seed';

/**
 * Independent draws from each parameter's prior. The stream of trial n depends
 * only on (seed, n), so a resumed study continues the same sequence.
 *
 * @example
 * const sampler = new RandomSampler({ seed: 1 });
 */
export class RandomSampler implements Sampler {
  readonly config: SamplerConfig;

  constructor(options: { seed?: number } = {}) {
    this.config = { kind: 'random', seed: resolveSeed(options.seed) };
  }

  begin(context: SamplingContext): TrialSampling {
    const rng = Sfc32.derive(this.config.seed, context.trialNumber, 1);
    return { relative: new Map(), independent: (_name, distribution) => samplePrior(distribution, rng) };
  }
}
