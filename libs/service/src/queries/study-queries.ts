import { inject, injectable } from 'inversify';
import { NotFoundError } from '@tsforecast/config';
import { StudyStore, type JsonObject } from '@tsforecast/db';

/** One trial as a study view shows it. */
export interface StudyTrialView {
  number: number;
  state: 'running' | 'complete' | 'pruned' | 'failed';
  /** The objective (validation MAE of a search); null unless complete. */
  value: number | null;
  /** `{ name: { value, distribution } }` as the sampler stored them (a choice as its option index). */
  params: JsonObject;
  runId: string | null;
  startedAt: Date;
  completedAt: Date | null;
}

/** A study with its trials (by number) and its best complete trial. */
export interface StudyView {
  id: string;
  name: string;
  direction: 'minimize' | 'maximize';
  sampler: JsonObject;
  pruner: JsonObject;
  createdAt: Date;
  trials: StudyTrialView[];
  /** The complete trial with the best value in the study's direction; null before any completes. */
  best: StudyTrialView | null;
}

/**
 * Read-only questions about hyperparameter studies (`GET /studies/:id`); the
 * study store stays their one writer.
 *
 * @example
 * const study = await queries.get('air/NHITS/h12'); // or its id
 */
@injectable()
export class StudyQueries {
  constructor(@inject(StudyStore) private readonly store: StudyStore) {}

  /** A study by id or name with its trials; NotFoundError naming the reference otherwise. */
  async get(ref: string): Promise<StudyView> {
    const study = (await this.store.findStudyById(ref)) ?? (await this.store.findStudy(ref));
    if (study === undefined) throw new NotFoundError(`study '${ref}' not found`);
    const trials: StudyTrialView[] = (await this.store.listTrials(study.id)).map(({ trial }) => ({
      number: trial.number,
      state: trial.state,
      value: trial.value,
      params: trial.params,
      runId: trial.runId,
      startedAt: trial.startedAt,
      completedAt: trial.completedAt,
    }));
    const sign = study.direction === 'minimize' ? 1 : -1;
    const complete = trials.filter((trial) => trial.state === 'complete' && trial.value !== null && Number.isFinite(trial.value));
    const best = complete.reduce<StudyTrialView | null>((a, b) => (a === null || sign * b.value! < sign * a.value! ? b : a), null);
    return {
      id: study.id,
      name: study.name,
      direction: study.direction,
      sampler: study.sampler,
      pruner: study.pruner,
      createdAt: study.createdAt,
      trials: trials.sort((a, b) => a.number - b.number),
      best,
    };
  }
}
