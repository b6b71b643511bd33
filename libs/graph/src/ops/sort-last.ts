import { formatShape } from '../ir/dim';
import { nd } from '../reference/nd-array';
import { fail, type OpDef } from './op-def';

/**
 * `x: [..., n]` sorted ascending along the last axis (n static); equal values
 * keep their order (a stable sort, as ONNX TopK with `largest = 0`).
 *
 * y_j = x_{π(j)}, so dx_i = dy_{rank_i} with rank_i = #{k: x_k < x_i, or x_k = x_i
 * and k < i}. The rule builds the permutation matrix P[i, j] = [rank_i = j]
 * (`[..., n, n]`) and dx = P · dy: quadratic in n, and only built when a
 * gradient through the sort is needed (scaler statistics never need one).
 */
export const sortLast: OpDef<'sortLast'> = {
  kind: 'sortLast',
  title: 'Sort',
  arity: 1,
  infer: ([x]) => {
    const n = x.shape[x.shape.length - 1];
    if (x.dtype !== 'float32' || x.shape.length < 1 || typeof n !== 'number') fail(`x must be float32 [..., n] with a static last axis, got ${x.dtype} ${formatShape(x.shape)}`);
    return { shape: x.shape, dtype: 'float32' };
  },
  vjp: ({ g, inputs: [x], grad }) => {
    const rank = x.shape.length;
    const n = x.shape[rank - 1] as number;
    const lead = x.shape.slice(0, -1);
    const xi = g.reshape(x, [...lead, n, 1]);
    const xk = g.reshape(x, [...lead, 1, n]);
    // earlier[i][k] = 1 when k < i (ties are broken by position).
    const earlier = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) earlier[i * n + k] = 1;
    const before = g.add(g.compare(xk, 'lt', xi), g.mul(g.compare(xk, 'eq', xi), g.constant(earlier, [n, n])));
    const ranks = g.reshape(g.reduceSum(before, [rank], false), [...lead, n, 1]);
    const positions = g.constant(Float64Array.from({ length: n }, (_, j) => j), [n]);
    const permutation = g.compare(ranks, 'eq', positions);
    return [g.reshape(g.matmul(permutation, g.reshape(grad, [...lead, n, 1])), x.shape)];
  },
  lower: ({ emit, inputs: [x], output, inputMeta }) => {
    const shape = inputMeta[0].shape;
    const n = shape[shape.length - 1] as number;
    emit.node('TopK', [x, emit.int64([n])], { axis: { i: -1 }, largest: { i: 0 }, sorted: { i: 1 } }, output, 1);
  },
  reference: ([x]) => {
    const n = x.shape[x.shape.length - 1];
    const y = nd(x.shape);
    for (let r = 0; r < x.data.length; r += n) {
      const row = Array.from(x.data.subarray(r, r + n));
      row.sort((a, b) => a - b);
      y.data.set(row, r);
    }
    return y;
  },
};
