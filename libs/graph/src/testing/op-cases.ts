import type { GraphBuilder } from '../builder/graph-builder';
import type { Tensor } from '../ir/node';
import type { OpKind } from '../ir/op-kind';

/** One input of an op case: a shape and either fixed values or a uniform range. */
export interface CaseInput {
  readonly shape: readonly number[];
  readonly dtype?: 'float32' | 'int64';
  readonly values?: readonly number[];
  /** Uniform range of random values (default [-2, 2]). */
  readonly range?: readonly [number, number];
  /** Whether to differentiate w.r.t. it (default: float32 inputs yes). */
  readonly diff?: boolean;
}

/** A data-driven op case, used by the gradient checks (float64) and the ORT op tests (float32). */
export interface OpCase {
  readonly name: string;
  readonly kind: OpKind;
  readonly inputs: readonly CaseInput[];
  readonly build: (g: GraphBuilder, xs: readonly Tensor[]) => Tensor;
}

const pos: readonly [number, number] = [0.5, 2.5];
const c = (name: string, kind: OpKind, inputs: CaseInput[], build: OpCase['build']): OpCase => ({ name, kind, inputs, build });
const s = (...shape: number[]): CaseInput => ({ shape });

/** Cases for every primitive op, edge shapes included (size-1 dims, scalars, broadcasting). */
export const opCases: readonly OpCase[] = [
  c('add broadcast row', 'add', [s(2, 3), s(3)], (g, [a, b]) => g.add(a, b)),
  c('add size-1 dims', 'add', [s(1), s(2, 1, 4)], (g, [a, b]) => g.add(a, b)),
  c('add scalars', 'add', [s(), s()], (g, [a, b]) => g.add(a, b)),
  c('sub outer broadcast', 'sub', [s(2, 1), s(1, 3)], (g, [a, b]) => g.sub(a, b)),
  c('mul same shape', 'mul', [s(2, 3), s(2, 3)], (g, [a, b]) => g.mul(a, b)),
  c('mul by [1]', 'mul', [s(4, 1, 2), s(1)], (g, [a, b]) => g.mul(a, b)),
  c('div broadcast', 'div', [s(2, 3), { shape: [3], range: pos }], (g, [a, b]) => g.div(a, b)),
  c(
    'pow scalar exponent',
    'pow',
    [
      { shape: [2, 3], range: pos },
      { shape: [], range: [0.5, 3] },
    ],
    (g, [a, b]) => g.pow(a, b),
  ),
  c('pow elementwise', 'pow', [{ shape: [3], range: pos }, s(3)], (g, [a, b]) => g.pow(a, b)),
  c('maximum', 'maximum', [s(2, 3), s(3)], (g, [a, b]) => g.maximum(a, b)),
  c('minimum', 'minimum', [s(2, 3), s(2, 1)], (g, [a, b]) => g.minimum(a, b)),
  c('neg', 'neg', [s(2, 3)], (g, [a]) => g.neg(a)),
  c('abs', 'abs', [s(2, 3)], (g, [a]) => g.abs(a)),
  c('relu', 'relu', [s(3, 4)], (g, [a]) => g.relu(a)),
  c('relu single element', 'relu', [s(1)], (g, [a]) => g.relu(a)),
  c('leakyRelu', 'leakyRelu', [s(3, 4)], (g, [a]) => g.leakyRelu(a, 0.1)),
  c('tanh', 'tanh', [s(2, 3)], (g, [a]) => g.tanh(a)),
  c('sigmoid', 'sigmoid', [s(2, 3)], (g, [a]) => g.sigmoid(a)),
  c('softplus', 'softplus', [s(2, 3)], (g, [a]) => g.softplus(a)),
  c('exp', 'exp', [s(2, 3)], (g, [a]) => g.exp(a)),
  c('log', 'log', [{ shape: [2, 3], range: pos }], (g, [a]) => g.log(a)),
  c('sqrt', 'sqrt', [{ shape: [2, 3], range: pos }], (g, [a]) => g.sqrt(a)),
  c('erf', 'erf', [s(2, 3)], (g, [a]) => g.erf(a)),
  c('sign (no gradient)', 'sign', [s(2, 3)], (g, [a]) => g.mul(g.sign(a), a)),
  c('compare (no gradient)', 'compare', [s(2, 3), s(3)], (g, [a, b]) => g.mul(g.compare(a, 'gt', b), a)),
  c(
    'compare eq/le',
    'compare',
    [
      { shape: [4], values: [1, 2, 3, 4], diff: false },
      { shape: [4], values: [1, 3, 3, 0], diff: false },
    ],
    (g, [a, b]) => g.add(g.compare(a, 'eq', b), g.compare(a, 'le', b)),
  ),
  c('where', 'where', [{ shape: [2, 3], values: [1, 0, 1, 0, 0, 1], diff: false }, s(2, 3), s(3)], (g, [m, a, b]) => g.where(m, a, b)),
  c('matmul 2-D', 'matmul', [s(2, 3), s(3, 4)], (g, [a, b]) => g.matmul(a, b)),
  c('matmul batched × 2-D', 'matmul', [s(2, 2, 3), s(3, 4)], (g, [a, b]) => g.matmul(a, b)),
  c('matmul broadcast batch', 'matmul', [s(2, 1, 2, 3), s(3, 3, 2)], (g, [a, b]) => g.matmul(a, b)),
  c('matmul 1×1', 'matmul', [s(1, 1), s(1, 1)], (g, [a, b]) => g.matmul(a, b)),
  c('gemm', 'gemm', [s(2, 3), s(3, 4), s(4)], (g, [a, b, d]) => g.gemm(a, b, d)),
  c('gemm transA', 'gemm', [s(3, 2), s(3, 4), s(1, 4)], (g, [a, b, d]) => g.gemm(a, b, d, { transA: true })),
  c('gemm transB', 'gemm', [s(2, 3), s(4, 3), s(2, 1)], (g, [a, b, d]) => g.gemm(a, b, d, { transB: true })),
  c('gemm transA transB no bias', 'gemm', [s(3, 2), s(4, 3)], (g, [a, b]) => g.gemm(a, b, undefined, { transA: true, transB: true })),
  c('transpose', 'transpose', [s(2, 3, 4)], (g, [a]) => g.transpose(a, [2, 0, 1])),
  c('reshape', 'reshape', [s(2, 6)], (g, [a]) => g.reshape(a, [3, 4])),
  c('reshape to scalar', 'reshape', [s(1)], (g, [a]) => g.reshape(a, [])),
  c('concat', 'concat', [s(2, 1), s(2, 3)], (g, [a, b]) => g.concat([a, b], 1)),
  c('slice', 'slice', [s(3, 5)], (g, [a]) => g.slice(a, 1, 1, -1)),
  c('pad', 'pad', [s(2, 3)], (g, [a]) =>
    g.pad(
      a,
      [
        [1, 0],
        [0, 2],
      ],
      0.5,
    ),
  ),
  c('reduceSum', 'reduceSum', [s(2, 3, 4)], (g, [a]) => g.reduceSum(a, [1])),
  c('reduceSum keepDims', 'reduceSum', [s(2, 3, 4)], (g, [a]) => g.reduceSum(a, [0, 2], true)),
  c('reduceSum single element', 'reduceSum', [s(1)], (g, [a]) => g.reduceSum(a, [0])),
  c('reduceMean', 'reduceMean', [s(2, 3, 4)], (g, [a]) => g.reduceMean(a, [-1])),
  c('reduceMean keepDims', 'reduceMean', [s(2, 3)], (g, [a]) => g.reduceMean(a, [0, 1], true)),
  c('reduceMax', 'reduceMax', [s(2, 5)], (g, [a]) => g.reduceMax(a, [1])),
  c('softmax', 'softmax', [s(2, 4)], (g, [a]) => g.softmax(a, -1)),
  c('softmax axis 0', 'softmax', [s(3, 1, 2)], (g, [a]) => g.softmax(a, 0)),
  c('broadcastLike', 'broadcastLike', [s(3), { shape: [2, 3], diff: false }], (g, [a, b]) => g.broadcastLike(a, b)),
  c('sizeOf (no gradient)', 'sizeOf', [s(2, 3)], (g, [a]) => g.mul(g.sizeOf(a, [0, 1]), a)),
  c('gather with repeats', 'gather', [s(5, 3), { shape: [2, 2], dtype: 'int64', values: [0, 4, 4, 1] }], (g, [t, i]) => g.gather(t, i)),
  c(
    'scatterAdd with repeats',
    'scatterAdd',
    [s(2, 2, 3), { shape: [2, 2], dtype: 'int64', values: [0, 4, 4, 1] }, { shape: [5, 3], diff: false }],
    (g, [u, i, like]) => g.scatterAdd(u, i, like),
  ),
  c('smallestK rows', 'smallestK', [s(3, 5)], (g, [a]) => g.mul(g.smallestK(a), g.constant([1, 2, 3, 4, 5], [5]))),
  c('smallestK k < n', 'smallestK', [s(2, 6)], (g, [a]) => g.smallestK(a, 3)),
  c('smallestK 3-D, single element rows', 'smallestK', [s(2, 3, 1)], (g, [a]) => g.smallestK(a)),
  c('smallestK ties keep order', 'smallestK', [{ shape: [2, 4], values: [3, 1, 3, 2, -1, -1, 0, -2], diff: false }], (g, [a]) =>
    g.smallestK(a, 3),
  ),
];
