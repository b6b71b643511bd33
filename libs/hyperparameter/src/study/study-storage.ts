import type { Direction, FrozenTrial, TrialState } from '../frozen-trial';
import type { PrunerConfig } from '../pruners/pruner';
import type { SamplerConfig } from '../samplers/sampler';
import type { Distribution } from '../space/distribution';

/** A stored study. */
export interface StudyRecord {
  readonly id: string;
  readonly name: string;
  readonly direction: Direction;
  readonly sampler: SamplerConfig;
  readonly pruner: PrunerConfig;
  /** The search space as JSON (expressions are plain `$hp`-tagged objects). */
  readonly space: unknown;
  readonly createdAt: Date;
}

/** A stored trial: the sampler/pruner view plus bookkeeping. */
export interface TrialRecord extends FrozenTrial {
  readonly id: string;
  readonly studyId: string;
  readonly startedAt: Date;
  readonly completedAt: Date | null;
  readonly workerId: string | null;
  /** The run that evaluates the trial; linked by the run recorder when that run starts (the one trial↔run link). */
  readonly runId: string | null;
}

/** The parameters chosen for a new trial. */
export interface TrialDraft {
  readonly params: Readonly<Record<string, number>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
}

/** Fields of a study to create. */
export type NewStudy = Omit<StudyRecord, 'id' | 'createdAt'>;

/** Final states a trial can be told. */
export type FinishedState = Exclude<TrialState, 'running'>;

/**
 * Where studies and trials live. Implementations must make {@link createTrial}
 * atomic per study: the draft sees a consistent snapshot of the other trials and
 * no two callers (threads, processes) get the same trial number.
 */
export const StudyStorage = Symbol('StudyStorage');
export interface StudyStorage {
  /** Creates a study; a `UsageError` if the name is taken. */
  createStudy(study: NewStudy): Promise<StudyRecord>;
  /** The study with this name, or undefined. */
  findStudy(name: string): Promise<StudyRecord | undefined>;
  /**
   * Allocates the next trial number of the study and stores a running trial
   * whose params `draft` picks from the other trials (running ones included).
   */
  createTrial(
    studyId: string,
    draft: (trials: readonly TrialRecord[], number: number) => TrialDraft,
    meta?: { workerId?: string },
  ): Promise<TrialRecord>;
  /** Marks a running trial finished; a `UsageError` if it already is. */
  finishTrial(trialId: string, state: FinishedState, value: number | null): Promise<TrialRecord>;
  /** Records an intermediate value; a repeated step keeps the first value (as Optuna does). */
  reportIntermediate(trialId: string, step: number, value: number): Promise<void>;
  /** All trials of the study ordered by number, with intermediate values. */
  listTrials(studyId: string): Promise<TrialRecord[]>;
  /** Marks running trials started before `startedBefore` as failed; returns their numbers. */
  failRunningTrials(studyId: string, startedBefore: Date): Promise<number[]>;
}
