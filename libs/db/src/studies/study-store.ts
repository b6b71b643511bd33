import type { HyperparameterStudy } from '../entities/study/hyperparameter-study';
import type { StudyTrial } from '../entities/study/study-trial';
import type { JsonObject, JsonValue } from '../entities/tracking/run';

/** A trial with its intermediate values `[step, value]`, by step. */
export interface StoredTrial {
  trial: StudyTrial;
  intermediate: Array<readonly [number, number]>;
}

/** A study to create. */
export interface StudyInput {
  name: string;
  direction: 'minimize' | 'maximize';
  /** Sampler kind, seed and options. */
  sampler: JsonObject;
  /** Pruner kind and options. */
  pruner: JsonObject;
  /** The search space as JSON. */
  space: JsonValue;
}

/** A trial's final state. */
export type FinishedTrialState = Exclude<StudyTrial['state'], 'running'>;

/**
 * The one owner of the study tables (`studies`, `study_trials`,
 * `study_trial_values`). The hyperparameter lib's study storage is a thin
 * adapter over it; the trial↔run link (`study_trials.run_id`) is written by
 * the tracking store when the trial's run starts.
 *
 * @example
 * const study = (await store.findStudy('air/NHITS/h12')) ?? (await store.createStudy(input));
 * const { trial } = await store.createTrial(study.id, (trials, number) => ({ params: sample(trials, number) }));
 */
export const StudyStore = Symbol('StudyStore');
export interface StudyStore {
  /** Creates a study; a UsageError if the name is taken. */
  createStudy(input: StudyInput): Promise<HyperparameterStudy>;
  /** The study with this id, or undefined (any text, a non-uuid included). */
  findStudyById(id: string): Promise<HyperparameterStudy | undefined>;
  /** The study of that name, or undefined. */
  findStudy(name: string): Promise<HyperparameterStudy | undefined>;
  /**
   * Allocates the study's next trial number and stores a running trial whose
   * params `draft` picks from the other trials — under a row lock on the study
   * (`SELECT … FOR UPDATE`), so concurrent callers in any process take turns
   * and each draft sees every trial before it.
   */
  createTrial(
    studyId: string,
    draft: (trials: readonly StoredTrial[], number: number) => { params: JsonObject },
    meta?: { workerId?: string },
  ): Promise<StoredTrial>;
  /** Marks a running trial finished; a UsageError if it already is, NotFoundError if missing. */
  finishTrial(trialId: string, state: FinishedTrialState, value: number | null): Promise<StoredTrial>;
  /** Records an intermediate value; a repeated step keeps the first value. */
  reportIntermediate(trialId: string, step: number, value: number): Promise<void>;
  /** The study's trials by number, with their intermediate values. */
  listTrials(studyId: string): Promise<StoredTrial[]>;
  /** Fails the running trials started at or before `startedBefore`; returns their numbers, ascending. */
  failRunningTrials(studyId: string, startedBefore: Date): Promise<number[]>;
}
