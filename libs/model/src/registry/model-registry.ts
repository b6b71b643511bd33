import { TsforecastError, UsageError } from '@tsforecast/config';
import { injectable, multiInject } from 'inversify';
import type { SearchSpace } from '@tsforecast/hyperparameter';
import { ModelDefinition, type ForecastModel } from '../contract/forecast-model';

/** One line of the model listing. */
export interface ModelSummary {
  name: string;
  kind: ModelDefinition['kind'];
  description: string;
}

/**
 * Every model bound as a {@link ModelDefinition} multi-binding, looked up
 * by name (case-insensitive). The class is its own DI token.
 *
 * @example
 * const registry = container.get(ModelRegistry);
 * const model = registry.create('SeasonalNaive', 12, 12);
 */
@injectable()
export class ModelRegistry {
  private readonly byName = new Map<string, ModelDefinition>();

  constructor(@multiInject(ModelDefinition) definitions: ModelDefinition[]) {
    for (const definition of definitions) {
      const key = definition.name.toLowerCase();
      const existing = this.byName.get(key);
      if (existing !== undefined) {
        throw new TsforecastError(`model '${definition.name}' is registered twice (also as '${existing.name}')`);
      }
      this.byName.set(key, definition);
    }
  }

  /** Model names in registration order. */
  names(): string[] {
    return [...this.byName.values()].map((d) => d.name);
  }

  /**
   * The definition named `name` (any letter case).
   * @throws UsageError naming the available models.
   */
  get(name: string): ModelDefinition {
    const definition = this.byName.get(name.toLowerCase());
    if (definition === undefined) throw new UsageError(`Unknown model '${name}'; available: ${this.names().join(', ')}`);
    return definition;
  }

  /** A new unfitted model for horizon `h` and season length `seasonLength`, `overrides` over its defaults. */
  create(name: string, h: number, seasonLength: number, overrides: Record<string, unknown> = {}): ForecastModel {
    return this.get(name).create(h, seasonLength, overrides);
  }

  /**
   * The default search space of the model named `name` (any letter case) at
   * horizon `h`, from its definition (NeuralForecast's Auto* ranges).
   * @throws UsageError for an invalid `h`, or for a model without a space
   * (baselines, statistical models), naming the models that have one.
   *
   * @example
   * registry.searchSpace('nhits', 12); // { inputSize: choice('inputSize', [12, 24, …]), learningRate: loguniform(…), … }
   */
  searchSpace(name: string, h: number): SearchSpace<Record<string, unknown>> {
    if (!Number.isSafeInteger(h) || h < 1) throw new UsageError(`'h' must be a positive integer, got ${h}`);
    const definition = this.get(name);
    if (definition.searchSpace === undefined) {
      const tunable = [...this.byName.values()].filter((d) => d.searchSpace !== undefined).map((d) => d.name);
      throw new UsageError(`model '${definition.name}' has no default search space; models with one: ${tunable.join(', ') || 'none'}`);
    }
    return definition.searchSpace(h);
  }

  /** Name, kind and description of every model, for listings. */
  list(): ModelSummary[] {
    return [...this.byName.values()].map(({ name, kind, description }) => ({ name, kind, description }));
  }
}
