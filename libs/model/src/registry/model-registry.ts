import { TsforecastError, UsageError } from '@tsforecast/config';
import { injectable, multiInject } from 'inversify';
import { ModelDefinitionToken, type ForecastModel, type ModelDefinition } from '../contract/forecast-model';

/** One line of the model listing. */
export interface ModelSummary {
  name: string;
  kind: ModelDefinition['kind'];
  description: string;
}

/**
 * Every model bound as a {@link ModelDefinitionToken} multi-binding, looked up
 * by name (case-insensitive). The class is its own DI token.
 *
 * @example
 * const registry = container.get(ModelRegistry);
 * const model = registry.create('SeasonalNaive', 12, 12);
 */
@injectable()
export class ModelRegistry {
  private readonly byName = new Map<string, ModelDefinition>();

  constructor(@multiInject(ModelDefinitionToken) definitions: ModelDefinition[]) {
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

  /** Name, kind and description of every model, for listings. */
  list(): ModelSummary[] {
    return [...this.byName.values()].map(({ name, kind, description }) => ({ name, kind, description }));
  }
}
