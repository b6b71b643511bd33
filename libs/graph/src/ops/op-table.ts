import type { OpKind } from '../ir/op-kind';
import { abs } from './abs';
import { add } from './add';
import { broadcastLike } from './broadcast-like';
import { compare } from './compare';
import { concat } from './concat';
import { div } from './div';
import { erf } from './erf';
import { exp } from './exp';
import { gather } from './gather';
import { gemm } from './gemm';
import { leakyRelu } from './leaky-relu';
import { log } from './log';
import { matmul } from './matmul';
import { maximum } from './maximum';
import { minimum } from './minimum';
import { mul } from './mul';
import { neg } from './neg';
import type { Lowering, OpDef, VjpRule } from './op-def';
import { pad } from './pad';
import { pow } from './pow';
import { reduceMax } from './reduce-max';
import { reduceMean } from './reduce-mean';
import { reduceSum } from './reduce-sum';
import { relu } from './relu';
import { reshape } from './reshape';
import { scatterAdd } from './scatter-add';
import { sigmoid } from './sigmoid';
import { sign } from './sign';
import { sizeOf } from './size-of';
import { slice } from './slice';
import { softmax } from './softmax';
import { softplus } from './softplus';
import { smallestK } from './smallest-k';
import { sqrt } from './sqrt';
import { sub } from './sub';
import { tanh } from './tanh';
import { transpose } from './transpose';
import { where } from './where';

/**
 * Every primitive op. Typed `{ [K in OpKind]: OpDef<K> }`: adding a kind to
 * `OpAttrs` without a definition (shape rule, VJP, lowering, reference) does not compile.
 */
export const opTable: { readonly [K in OpKind]: OpDef<K> } = {
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  neg,
  abs,
  relu,
  leakyRelu,
  tanh,
  sigmoid,
  softplus,
  exp,
  log,
  sqrt,
  erf,
  sign,
  compare,
  where,
  matmul,
  gemm,
  transpose,
  reshape,
  concat,
  slice,
  pad,
  reduceSum,
  reduceMean,
  reduceMax,
  softmax,
  broadcastLike,
  sizeOf,
  gather,
  scatterAdd,
  smallestK,
};

/** The vector-Jacobian rules, exhaustive by type. */
export const vjpRules: { readonly [K in OpKind]: VjpRule<K> } = Object.fromEntries(Object.entries(opTable).map(([k, d]) => [k, d.vjp])) as {
  [K in OpKind]: VjpRule<K>;
};

/** The ONNX lowerings, exhaustive by type. */
export const lowerings: { readonly [K in OpKind]: Lowering<K> } = Object.fromEntries(
  Object.entries(opTable).map(([k, d]) => [k, d.lower]),
) as { [K in OpKind]: Lowering<K> };

/** The definition of `kind`, or undefined for an unknown kind (e.g. from a deserialised spec). */
export function findOp(kind: string): OpDef<OpKind> | undefined {
  return (opTable as Record<string, OpDef<OpKind> | undefined>)[kind];
}
