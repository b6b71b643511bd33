import type { Distribution } from './space/distribution';

/** Lifecycle of a trial. */
export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

/** Whether the study minimises or maximises the objective. */
export type Direction = 'minimize' | 'maximize';

/**
 * A read-only view of one trial, as samplers and pruners see it. `params` hold
 * internal values (numbers; a choice's option index), `intermediate` the
 * reported (step, value) pairs sorted by step.
 */
export interface FrozenTrial {
  readonly number: number;
  readonly state: TrialState;
  readonly value: number | null;
  readonly params: Readonly<Record<string, number>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  readonly intermediate: ReadonlyArray<readonly [step: number, value: number]>;
}

/** The last reported (step, value), if any. */
export function lastIntermediate(trial: FrozenTrial): readonly [number, number] | undefined {
  return trial.intermediate.length === 0 ? undefined : trial.intermediate[trial.intermediate.length - 1];
}
