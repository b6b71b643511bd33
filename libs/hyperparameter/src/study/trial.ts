import type { Sampled } from '../space/expressions';

/**
 * A running trial handed out by `Study.ask()`: its number, the typed config to
 * evaluate, and the hooks for intermediate values and pruning.
 */
export interface Trial<S> {
  readonly id: string;
  readonly number: number;
  /** The sampled configuration, typed from the space. */
  readonly params: Sampled<S>;
  /** Internal values of the active parameters (a choice as its option index). */
  readonly rawParams: Readonly<Record<string, number>>;
  /** Records the value at `step` (e.g. validation loss every `val_check_steps`). */
  report(step: number, value: number): Promise<void>;
  /** Asks the study's pruner about the values reported so far. */
  shouldPrune(): Promise<boolean>;
}
