import type { DType, Shape } from './dim';
import type { OpAttrs, OpKind } from './op-kind';

/** A handle on a value of the graph, returned by every builder method. */
export interface Tensor {
  /** Position of the producing node in the graph. */
  readonly id: number;
  readonly shape: Shape;
  readonly dtype: DType;
  /** Display name: the scope path of the node, or `<kind>#<id>`. */
  readonly name: string;
}

/** How a parameter or state tensor was initialised (kept for printing). */
export interface InitSpec {
  readonly kind: string;
  readonly args: Readonly<Record<string, number>>;
}

/** A graph input fed by the caller (data), or noise the session fills itself. */
export interface InputNode extends Tensor {
  readonly kind: 'input';
  readonly inputs: readonly number[];
  /** `data`: given by the caller; `dropoutMask`: filled by the session from its seeded PRNG. */
  readonly role: 'data' | 'dropoutMask';
  /** Dropout probability, for `dropoutMask` inputs. */
  readonly p?: number;
}

/**
 * A tensor that persists across steps: a trainable parameter, or a state tensor
 * (e.g. BatchNorm running statistics) updated by an assignment in train mode.
 */
export interface ParamNode extends Tensor {
  readonly kind: 'param';
  readonly inputs: readonly number[];
  readonly trainable: boolean;
  readonly init: Float32Array;
  readonly initSpec: InitSpec;
}

/** A constant baked into the graph (float32 or int64 values held as numbers). */
export interface ConstantNode extends Tensor {
  readonly kind: 'constant';
  readonly inputs: readonly number[];
  readonly values: Float64Array;
}

/**
 * Picks `inputs[0]` in train mode and `inputs[1]` in eval/inference mode;
 * resolved by the compiler before differentiation and lowering.
 */
export interface ModeSwitchNode extends Tensor {
  readonly kind: 'modeSwitch';
  readonly inputs: readonly [number, number];
}

/** An application of a primitive op. */
export type OpNode<K extends OpKind = OpKind> = K extends OpKind
  ? Tensor & { readonly kind: K; readonly inputs: readonly number[]; readonly attrs: OpAttrs[K] }
  : never;

/** Any node of the IR. */
export type GraphNode = InputNode | ParamNode | ConstantNode | ModeSwitchNode | OpNode;

/** Leaf and structural node kinds (not primitive ops). */
export type StructuralKind = 'input' | 'param' | 'constant' | 'modeSwitch';

export function isOpNode(node: GraphNode): node is OpNode {
  return node.kind !== 'input' && node.kind !== 'param' && node.kind !== 'constant' && node.kind !== 'modeSwitch';
}
