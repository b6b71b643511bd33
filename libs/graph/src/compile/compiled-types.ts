import type { DType, Shape } from '../ir/dim';
import type { GraphBuilder } from '../builder/graph-builder';
import type { OptimizerSpec } from './optimizers';

/** A tensor the caller feeds (a data input): name, dtype, shape with symbolic dims. */
export interface FeedSpec {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: Shape;
}

/** A dropout mask the train session fills from its PRNG. */
export interface MaskSpec {
  readonly name: string;
  readonly shape: Shape;
  readonly p: number;
}

/** A parameter or state tensor of the model (what `parameters()` returns). */
export interface PersistentSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly trainable: boolean;
  readonly init: Float32Array;
}

/** A value carried from one train step to the next: fed as `input`, returned as `output`. */
export interface SlotSpec {
  readonly input: string;
  readonly output: string;
  readonly shape: readonly number[];
  /** `param`/`state`: a model persistent of the same name; `optimizer`: optimizer state. */
  readonly role: 'param' | 'state' | 'optimizer';
}

/** What every compilation of a model graph gives: the ONNX bytes, the graph they encode, its data feeds and the source's persistents. */
export interface CompiledGraph {
  /** The serialised ONNX model. */
  readonly model: Uint8Array;
  /** The compiled graph, for printing and the reference interpreter. */
  readonly graph: GraphBuilder;
  readonly feeds: readonly FeedSpec[];
  /** Persistents of the source graph (all of them, in declaration order). */
  readonly persistents: readonly PersistentSpec[];
}

/** Output of {@link compileTrainStep}: an ONNX model computing loss, gradients and the update (its graph: forward, gradients, update). */
export interface CompiledTrainStep extends CompiledGraph {
  readonly masks: readonly MaskSpec[];
  /** Inputs of the model, in order (feeds, masks, slots, lr, step). */
  readonly inputNames: readonly string[];
  readonly slots: readonly SlotSpec[];
  readonly names: { readonly loss: string; readonly lr: string; readonly step: string; readonly gradNorm?: string };
  readonly optimizer: OptimizerSpec;
}

/** Output of {@link compileEval}: forward only, eval mode, persistents as inputs. */
export interface CompiledEval extends CompiledGraph {
  /** Persistent names fed as inputs (current weights). */
  readonly persistentInputs: readonly string[];
  readonly outputs: readonly FeedSpec[];
}
