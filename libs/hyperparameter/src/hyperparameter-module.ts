import { ContainerModule } from 'inversify';
import { createPruner } from './pruners/create-pruner';
import type { Pruner } from './pruners/pruner';
import { createSampler } from './samplers/create-sampler';
import type { Sampler } from './samplers/sampler';
import { StudyStorage } from './study/study-storage';
import { DatabaseStudyStorage } from './study/database-study-storage';

/** Builds a sampler by name (`'tpe' | 'random' | 'grid'`) and options. */
export const SamplerFactory = Symbol('SamplerFactory');
export type SamplerFactory = (name: string, options?: Readonly<Record<string, unknown>>) => Sampler;

/** Builds a pruner by name (`'median' | 'percentile' | 'sha' | 'hyperband' | 'none'`) and options. */
export const PrunerFactory = Symbol('PrunerFactory');
export type PrunerFactory = (name: string, options?: Readonly<Record<string, unknown>>) => Pruner;

/**
 * Binds {@link StudyStorage} to the database-backed storage (an adapter over
 * the db lib's `StudyStore` binding) and the sampler/pruner factories by name. Tests
 * may rebind `StudyStorage` to an `InMemoryStudyStorage`.
 *
 * @example
 * container.load(dbModule(settings), hyperparameterModule);
 * const sampler = container.get<SamplerFactory>(SamplerFactory)('tpe', { seed: 1 });
 */
export const hyperparameterModule = new ContainerModule((options) => {
  options.bind<StudyStorage>(StudyStorage).to(DatabaseStudyStorage).inSingletonScope();
  options.bind<SamplerFactory>(SamplerFactory).toConstantValue(createSampler);
  options.bind<PrunerFactory>(PrunerFactory).toConstantValue(createPruner);
});
