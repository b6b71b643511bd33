import type { Direction, FrozenTrial } from '../frozen-trial';

/** What a pruner sees when asked about one running trial. */
export interface PruningContext {
  /** The trial being judged, with its intermediate values so far. */
  readonly trial: FrozenTrial;
  /** Every trial of the study (the judged one included). */
  readonly trials: readonly FrozenTrial[];
  readonly direction: Direction;
}

/** Serializable description of a pruner, stored with the study. */
export interface PrunerConfig {
  readonly kind: 'median' | 'percentile' | 'sha' | 'hyperband' | 'none';
  readonly options?: Readonly<Record<string, unknown>>;
}

/** Decides whether a running trial should stop early, from its reported values. */
export interface Pruner {
  readonly config: PrunerConfig;
  shouldPrune(context: PruningContext): boolean;
}

/** Never prunes. */
export class NopPruner implements Pruner {
  readonly config: PrunerConfig = { kind: 'none' };
  shouldPrune(): boolean {
    return false;
  }
}
