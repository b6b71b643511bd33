import type { Dim } from './dim';

/** Comparison used by the `compare` op; its output is a float32 0/1 mask. */
export type Comparison = 'gt' | 'ge' | 'lt' | 'le' | 'eq';

/**
 * The primitive ops of the IR and their attributes. Every key must have a
 * shape rule, a vector-Jacobian rule, an ONNX lowering and a float64 reference
 * (see `ops/op-table.ts`, typed `{ [K in OpKind]: OpDef<K> }`, so a missing rule
 * is a compile error). Layers such as LayerNorm, Conv1d or the losses are
 * compositions of these primitives (see `layers/`).
 */
export interface OpAttrs {
  add: Record<string, never>;
  sub: Record<string, never>;
  mul: Record<string, never>;
  div: Record<string, never>;
  pow: Record<string, never>;
  maximum: Record<string, never>;
  minimum: Record<string, never>;
  neg: Record<string, never>;
  abs: Record<string, never>;
  relu: Record<string, never>;
  leakyRelu: { alpha: number };
  tanh: Record<string, never>;
  sigmoid: Record<string, never>;
  softplus: Record<string, never>;
  exp: Record<string, never>;
  log: Record<string, never>;
  sqrt: Record<string, never>;
  erf: Record<string, never>;
  sign: Record<string, never>;
  compare: { cmp: Comparison };
  where: Record<string, never>;
  matmul: Record<string, never>;
  gemm: { transA: boolean; transB: boolean };
  transpose: { perm: readonly number[] };
  reshape: { shape: readonly Dim[] };
  concat: { axis: number };
  slice: { axis: number; start: number; end: number };
  pad: { pads: readonly (readonly [number, number])[]; value: number };
  reduceSum: { axes: readonly number[]; keepDims: boolean };
  reduceMean: { axes: readonly number[]; keepDims: boolean };
  reduceMax: { axes: readonly number[]; keepDims: boolean };
  softmax: { axis: number };
  broadcastLike: Record<string, never>;
  sizeOf: { axes: readonly number[] };
  gather: Record<string, never>;
  scatterAdd: Record<string, never>;
  smallestK: { k: number };
}

/** Name of a primitive op. */
export type OpKind = keyof OpAttrs;
