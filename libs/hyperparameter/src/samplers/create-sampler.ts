import { UsageError } from '@tsforecast/config';
import { GridSampler, type GridSamplerOptions } from './grid-sampler';
import { RandomSampler } from './random-sampler';
import type { Sampler, SamplerConfig } from './sampler';
import { TpeSampler, type TpeSamplerOptions } from './tpe/tpe-sampler';

/** Sampler names accepted by {@link createSampler}. */
export type SamplerName = SamplerConfig['kind'];

/**
 * Builds a sampler by name with options — also how a stored study's
 * `SamplerConfig` is turned back into the same sampler on resume.
 *
 * @example
 * createSampler('tpe', { seed: 7 });
 */
export function createSampler(name: string, options: Readonly<Record<string, unknown>> = {}): Sampler {
  switch (name) {
    case 'tpe':
      return new TpeSampler(options as TpeSamplerOptions);
    case 'random':
      return new RandomSampler(options as { seed?: number });
    case 'grid':
      return new GridSampler(options as GridSamplerOptions);
    default:
      throw new UsageError(`'sampler' must be one of tpe, random, grid, got '${name}'`);
  }
}

/** The sampler a stored config describes (same seed, same options). */
export function samplerFromConfig(config: SamplerConfig): Sampler {
  return createSampler(config.kind, { ...(config.options ?? {}), seed: config.seed });
}
