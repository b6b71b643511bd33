import { UsageError } from '@tsforecast/config';
import type { ModelDefinition } from '../../contract/forecast-model';
import { mergeHyperparameters, requireInteger } from '../../baselines/baseline-hyperparameters';
import { LocalStatisticalModel, type StatisticalHyperparameters } from './local-statistical-model';
import type { SeriesFitter } from './series-fit';

/** What one statistical model file declares; {@link statisticalDefinition} turns it into a registration. */
export interface StatisticalModelSpec<H extends StatisticalHyperparameters> {
  /** StatsForecast's class name (`AutoETS`, `CrostonSBA`). */
  name: string;
  description: string;
  /**
   * Defaults of the model's own hyperparameters for horizon `h` and the
   * dataset's season length. {@link statisticalDefinition} adds the ones every
   * statistical model has: `seasonLength` (the dataset's) and `level` ({@link DEFAULT_LEVELS}).
   */
  defaults(h: number, seasonLength: number): OwnHyperparameters<H>;
  /** Checks the merged hyperparameters; throws a `UsageError` naming the field, value and range. */
  check?(hyperparameters: H): void;
  /** The per-series fitting function for these hyperparameters. */
  fitter(hyperparameters: H): SeriesFitter;
  /** Fewest points a series needs (default 1: every model has a fallback for short series). */
  minHistory?: number;
}

/** A statistical model's hyperparameters less the shared {@link StatisticalHyperparameters}. */
export type OwnHyperparameters<H extends StatisticalHyperparameters> = Omit<H, keyof StatisticalHyperparameters>;

/** Default interval levels of the statistical models (as StatsForecast users commonly ask). */
export const DEFAULT_LEVELS: number[] = [80, 95];

/** `spec`'s complete defaults: the dataset's season length, {@link DEFAULT_LEVELS} and the model's own. */
function completeDefaults<H extends StatisticalHyperparameters>(spec: StatisticalModelSpec<H>, h: number, seasonLength: number): H {
  return { seasonLength, level: DEFAULT_LEVELS, ...spec.defaults(h, seasonLength) } as H;
}

/**
 * The spec of a model with no hyperparameters of its own (season length and
 * interval levels only): one fitter serves every series.
 *
 * @example
 * export const adidaSpec = parameterFreeSpec('ADIDA', 'Temporal aggregation …', adidaFit);
 */
export function parameterFreeSpec(name: string, description: string, fit: SeriesFitter): StatisticalModelSpec<StatisticalHyperparameters> {
  return { name, description, defaults: () => ({}), fitter: () => fit };
}

/**
 * The {@link ModelDefinition} of a statistical model.
 *
 * @example
 * export const autoEtsDefinition = statisticalDefinition(autoEtsSpec);
 */
export function statisticalDefinition<H extends StatisticalHyperparameters>(spec: StatisticalModelSpec<H>): ModelDefinition<H> {
  const minHistory = spec.minHistory ?? 1;
  return {
    name: spec.name,
    kind: 'statistical',
    description: spec.description,
    capabilities: { exogenous: { historic: false, future: false, static: false }, multivariate: false, minHistory: () => minHistory },
    defaults: (h, seasonLength) => completeDefaults(spec, h, seasonLength),
    create(h, seasonLength, overrides) {
      const defaults = completeDefaults(spec, h, seasonLength) as H & Record<string, unknown>;
      const hyperparameters: H = mergeHyperparameters(spec.name, defaults, overrides as Partial<H & Record<string, unknown>>);
      requireInteger('seasonLength', hyperparameters.seasonLength, 1);
      checkLevels(hyperparameters.level);
      spec.check?.(hyperparameters);
      return new LocalStatisticalModel<H>(spec.name, requireInteger('h', h, 1), hyperparameters, spec.fitter(hyperparameters), minHistory);
    },
  };
}

function checkLevels(level: unknown): void {
  if (!Array.isArray(level) || !level.every((l) => typeof l === 'number' && l > 0 && l < 100)) {
    throw new UsageError(`'level' must be a list of numbers in (0, 100), got ${JSON.stringify(level)}`);
  }
}
