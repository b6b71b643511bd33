import { inject, injectable } from 'inversify';
import type { Logger } from '@tsforecast/config';
import { PrunerFactory, SamplerFactory, Study, StudyStorage } from '@tsforecast/hyperparameter';
import type { SearchRequest } from '../training/train-request';
import { trialWorkerId, type TrialOwner } from './abandoned-trials';

/**
 * The study of one model × horizon of an experiment, `<experiment>/<model>/h<h>`:
 * the `train-run` job that tunes it and the `trial` jobs beside it share it.
 */
export function studyNameOf(experiment: string, model: string, h: number): string {
  return `${experiment}/${model}/h${h}`;
}

/**
 * Opens the database-backed studies tuning runs on: the storage, the sampler
 * and the pruner a {@link SearchRequest} names, in one place.
 *
 * @example
 * const study = await studies.open('air/MLP/h12', space, { trials: 20, sampler: 'tpe', pruner: 'median' }, { logger });
 */
@injectable()
export class StudyFactory {
  constructor(
    @inject(StudyStorage) private readonly storage: StudyStorage,
    @inject(SamplerFactory) private readonly samplers: SamplerFactory,
    @inject(PrunerFactory) private readonly pruners: PrunerFactory,
  ) {}

  /**
   * The study `name`, created with the request's sampler and pruner, or loaded
   * as stored; a stored study whose sampler differs from the request's goes on
   * with the request's (with a warning). Trials asked for by `owner` record it
   * as their worker.
   */
  async open<S>(name: string, space: S, search: SearchRequest, options: { owner?: TrialOwner; logger: Logger }): Promise<Study<S>> {
    const { owner, logger } = options;
    const pruner = this.pruners(search.pruner);
    const workerId = owner ? { workerId: trialWorkerId(owner) } : {};
    if (await this.storage.findStudy(name)) {
      const stored = await Study.load<S>(name, { storage: this.storage, space, pruner, logger, ...workerId });
      if (stored.sampler.config.kind === search.sampler) return stored;
      logger.warn(`study '${name}' was created with the ${stored.sampler.config.kind} sampler; continuing with ${search.sampler}`);
      return Study.load<S>(name, { storage: this.storage, space, pruner, logger, sampler: this.sampler(search), ...workerId });
    }
    return Study.createOrLoad<S>({ name, space, storage: this.storage, sampler: this.sampler(search), pruner, logger, ...workerId });
  }

  private sampler(search: SearchRequest) {
    return this.samplers(search.sampler, {
      ...(search.seed === undefined ? {} : { seed: search.seed }),
      // The grid needs finite axes: the learning rate gets 3 points.
      ...(search.sampler === 'grid' ? { pointsPerFloat: 3 } : {}),
    });
  }
}
