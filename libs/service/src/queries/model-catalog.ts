import { inject, injectable } from 'inversify';
import { ModelRegistry, type ModelSummary } from '@tsforecast/model';

/**
 * Which models exist (the registry of multi-bound definitions): name, kind and
 * description of each, in registration order. Needs no database.
 *
 * @example
 * container.get(ModelCatalog).list().map((m) => m.name); // ['Naive', 'SeasonalNaive', …, 'NHITS', …]
 */
@injectable()
export class ModelCatalog {
  constructor(@inject(ModelRegistry) private readonly registry: ModelRegistry) {}

  list(): ModelSummary[] {
    return this.registry.list();
  }
}
