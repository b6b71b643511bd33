import type { Direction, FrozenTrial } from '../frozen-trial';
import type { Distribution } from '../space/distribution';
import type { FlatSpace } from '../space/flat-space';

/** What a sampler knows when it suggests the parameters of one trial. */
export interface SamplingContext {
  /** Every other trial of the study, all states (running ones too, for the constant liar). */
  readonly trials: readonly FrozenTrial[];
  readonly direction: Direction;
  /** The number of the trial being sampled; seeds its random stream. */
  readonly trialNumber: number;
  readonly space: FlatSpace;
}

/** The suggestions for one trial: a joint part decided up front, the rest on demand. */
export interface TrialSampling {
  /** Values decided jointly (internal representation), by parameter name. */
  readonly relative: ReadonlyMap<string, number>;
  /** A value for a parameter the joint part did not cover. */
  independent(name: string, distribution: Distribution): number;
}

/** Serializable description of a sampler, stored with the study. */
export interface SamplerConfig {
  readonly kind: 'tpe' | 'random' | 'grid';
  readonly seed: number;
  readonly options?: Readonly<Record<string, unknown>>;
}

/**
 * Suggests parameters. Implementations are deterministic: same config, same
 * trial number and same history give the same suggestion.
 */
export interface Sampler {
  readonly config: SamplerConfig;
  begin(context: SamplingContext): TrialSampling;
  /** For finite samplers (grid): true when nothing new is left to suggest. */
  exhausted?(space: FlatSpace, trials: readonly FrozenTrial[]): boolean;
}
