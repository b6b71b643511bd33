import { UsageError } from '@tsforecast/config';
import { HyperbandPruner, type HyperbandOptions } from './hyperband-pruner';
import { MedianPruner, PercentilePruner, type PercentilePrunerOptions } from './percentile-pruner';
import { NopPruner, type Pruner, type PrunerConfig } from './pruner';
import { SuccessiveHalvingPruner, type SuccessiveHalvingOptions } from './successive-halving-pruner';

/** Pruner names accepted by {@link createPruner}. */
export type PrunerName = PrunerConfig['kind'];

/**
 * Builds a pruner by name with options; also restores a stored `PrunerConfig`.
 *
 * @example
 * createPruner('sha', { reductionFactor: 3 });
 */
export function createPruner(name: string, options: Readonly<Record<string, unknown>> = {}): Pruner {
  switch (name) {
    case 'median':
      return new MedianPruner(options as PercentilePrunerOptions);
    case 'percentile': {
      const { percentile, ...rest } = options as PercentilePrunerOptions & { percentile?: number };
      if (percentile === undefined) throw new UsageError(`pruner 'percentile' needs a 'percentile' option in [0, 100]`);
      return new PercentilePruner(percentile, rest);
    }
    case 'sha':
      return new SuccessiveHalvingPruner(options as SuccessiveHalvingOptions);
    case 'hyperband':
      return new HyperbandPruner(options as unknown as HyperbandOptions);
    case 'none':
      return new NopPruner();
    default:
      throw new UsageError(`'pruner' must be one of median, percentile, sha, hyperband, none, got '${name}'`);
  }
}

/** The pruner a stored config describes. */
export function prunerFromConfig(config: PrunerConfig): Pruner {
  return createPruner(config.kind, config.options ?? {});
}
