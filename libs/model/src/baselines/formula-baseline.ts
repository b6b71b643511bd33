import type { ModelDefinition } from '../contract/forecast-model';
import { mergeHyperparameters, requireInteger } from './baseline-hyperparameters';
import { LocalBaseline, baselineCapabilities } from './local-baseline';

/** A formula baseline has no hyperparameters (overrides are rejected by name). */
export type NoHyperparameters = Record<string, never>;

/** What a baseline that is a formula of each series' history declares. */
export interface FormulaBaselineSpec {
  /** statsforecast's class name (`Naive`). */
  name: string;
  description: string;
  /** Fewest points a series needs. */
  minHistory: number;
  /**
   * The point forecast of one series.
   * @param y the series' history: [T], T >= minHistory
   * @returns [h]
   */
  forecast(y: Float64Array, h: number): Float64Array;
}

/** A {@link LocalBaseline} that applies its spec's formula to each series. */
class FormulaBaseline extends LocalBaseline<NoHyperparameters> {
  constructor(
    private readonly spec: FormulaBaselineSpec,
    h: number,
    hyperparameters: NoHyperparameters,
  ) {
    super(spec.name, h, hyperparameters, spec.minHistory);
  }

  protected forecastSeries(y: Float64Array): Float64Array {
    return this.spec.forecast(y, this.h);
  }
}

/**
 * The registration of a baseline without hyperparameters: `create` checks the
 * horizon, rejects any override and forecasts each series by `spec.forecast`.
 *
 * @example
 * export const naiveDefinition = formulaBaselineDefinition({
 *   name: 'Naive', description: 'Last observed value', minHistory: 1, forecast: (y, h) => new Float64Array(h).fill(y[y.length - 1]!),
 * });
 */
export function formulaBaselineDefinition(spec: FormulaBaselineSpec): ModelDefinition<NoHyperparameters> {
  return {
    name: spec.name,
    kind: 'baseline',
    description: spec.description,
    capabilities: baselineCapabilities(() => spec.minHistory),
    defaults: () => ({}),
    create(h, _seasonLength, overrides) {
      return new FormulaBaseline(spec, requireInteger('h', h, 1), mergeHyperparameters(spec.name, {}, overrides));
    },
  };
}
