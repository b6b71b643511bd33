import type { DType, Shape } from '../ir/dim';
import type { Tensor } from '../ir/node';
import type { OpAttrs, OpKind } from '../ir/op-kind';
import type { NdArray } from '../reference/nd-array';
import type { GraphBuilder } from '../builder/graph-builder';
import type { OnnxAttribute } from '../onnx/onnx-types';

/** Shape and dtype of a value. */
export interface TensorMeta {
  readonly shape: Shape;
  readonly dtype: DType;
}

/** Thrown by shape rules; the builder prefixes the op and node name. */
export class ShapeIssue extends Error {}

/** Throws a {@link ShapeIssue}: `fail('inner dimensions differ: ...')`. */
export function fail(message: string): never {
  throw new ShapeIssue(message);
}

/** What a vector-Jacobian rule sees: the node's inputs, its output and the cotangent of the output. */
export interface VjpContext<K extends OpKind> {
  readonly g: GraphBuilder;
  readonly attrs: OpAttrs[K];
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  /** Cotangent of the output, same shape as the output. */
  readonly grad: Tensor;
  /** `needs[i]`: whether input i needs a cotangent (skip work otherwise). */
  readonly needs: readonly boolean[];
}

/**
 * Vector-Jacobian rule: the cotangent of each input (same shape as that input),
 * or `undefined` where the input is not differentiable or not needed.
 */
export type VjpRule<K extends OpKind> = (ctx: VjpContext<K>) => readonly (Tensor | undefined)[];

/** Emits ONNX nodes; every value name is a string. */
export interface OnnxEmitter {
  /**
   * Appends a node and returns its (first) output name; a fresh name unless `output` is given.
   * `unusedOutputs`: further outputs the ONNX op must declare but nothing reads (TopK's indices).
   */
  node(
    opType: string,
    inputs: readonly string[],
    attrs?: Readonly<Record<string, OnnxAttribute>>,
    output?: string,
    unusedOutputs?: number,
  ): string;
  /** An int64 constant initializer (1-D unless `dims` is given). */
  int64(values: readonly number[], dims?: readonly number[]): string;
  /** A float32 constant initializer (scalar unless `dims` is given). */
  float(values: readonly number[], dims?: readonly number[]): string;
}

/** What an ONNX lowering sees. It must write the value named `output`. */
export interface LowerContext<K extends OpKind> {
  readonly attrs: OpAttrs[K];
  readonly inputs: readonly string[];
  readonly inputMeta: readonly TensorMeta[];
  readonly output: string;
  readonly outputMeta: TensorMeta;
  readonly emit: OnnxEmitter;
}

/** Lowers one IR node to ONNX (opset 17) nodes. */
export type Lowering<K extends OpKind> = (ctx: LowerContext<K>) => void;

/** Plain float64 evaluation, used by the gradient checks and as the ORT oracle. */
export type ReferenceRule<K extends OpKind> = (inputs: readonly NdArray[], attrs: OpAttrs[K], outShape: readonly number[]) => NdArray;

/** Everything the compiler knows about one primitive op. */
export interface OpDef<K extends OpKind> {
  readonly kind: K;
  /** Name used in messages, close to the ONNX op it lowers to (`MatMul`). */
  readonly title: string;
  /** Number of tensor inputs, or `[min, max]`, or `'variadic'` (at least one). */
  readonly arity: number | readonly [number, number] | 'variadic';
  /** Shape rule; throws {@link ShapeIssue} via {@link fail}. */
  readonly infer: (inputs: readonly TensorMeta[], attrs: OpAttrs[K]) => TensorMeta;
  readonly vjp: VjpRule<K>;
  readonly lower: Lowering<K>;
  readonly reference: ReferenceRule<K>;
}
