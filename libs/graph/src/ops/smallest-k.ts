import { formatShape } from '../ir/dim';
import { nd } from '../reference/nd-array';
import { fail, type OpDef } from './op-def';

/**
 * The `k` smallest values of `x: [..., n]` along the last (static) axis, in
 * ascending order → `[..., k]`; equal values keep their order (ONNX TopK with
 * `largest = 0`, `sorted = 1`). k = n sorts the rows.
 *
 * y_j = x_{π(j)}, so dx_i = dy_{rank_i} when rank_i < k (else 0), with
 * rank_i = #{m: x_m < x_i, or x_m = x_i and m < i}. The rule builds the
 * selection matrix P[i, j] = [rank_i = j] (`[..., n, k]`) and dx = P · dy:
 * quadratic in n, and only built when a gradient through the selection is
 * needed (scaler statistics never need one).
 */
export const smallestK: OpDef<'smallestK'> = {
  kind: 'smallestK',
  title: 'TopK',
  arity: 1,
  infer: ([x], { k }) => {
    const n = x.shape[x.shape.length - 1];
    if (x.dtype !== 'float32' || x.shape.length < 1 || typeof n !== 'number')
      fail(`x must be float32 [..., n] with a static last axis, got ${x.dtype} ${formatShape(x.shape)}`);
    if (!Number.isInteger(k) || k < 1 || k > n) fail(`k must be an integer in [1, ${n}], got ${k}`);
    return { shape: [...x.shape.slice(0, -1), k], dtype: 'float32' };
  },
  vjp: ({ g, inputs: [x], grad, attrs: { k } }) => {
    const rank = x.shape.length;
    const n = x.shape[rank - 1] as number;
    const lead = x.shape.slice(0, -1);
    const xi = g.reshape(x, [...lead, n, 1]);
    const xm = g.reshape(x, [...lead, 1, n]);
    // earlier[i][m] = 1 when m < i (ties are broken by position).
    const earlier = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let m = 0; m < i; m++) earlier[i * n + m] = 1;
    const before = g.add(g.compare(xm, 'lt', xi), g.mul(g.compare(xm, 'eq', xi), g.constant(earlier, [n, n])));
    const ranks = g.reshape(g.reduceSum(before, [rank], false), [...lead, n, 1]);
    const positions = g.constant(
      Float64Array.from({ length: k }, (_, j) => j),
      [k],
    );
    const selection = g.compare(ranks, 'eq', positions);
    return [g.reshape(g.matmul(selection, g.reshape(grad, [...lead, k, 1])), x.shape)];
  },
  lower: ({ emit, inputs: [x], output, attrs: { k } }) =>
    void emit.node('TopK', [x, emit.int64([k])], { axis: { i: -1 }, largest: { i: 0 }, sorted: { i: 1 } }, output, 1),
  reference: ([x], { k }) => {
    const n = x.shape[x.shape.length - 1];
    const y = nd([...x.shape.slice(0, -1), k]);
    for (let r = 0, w = 0; r < x.data.length; r += n, w += k) {
      const row = Array.from(x.data.subarray(r, r + n));
      row.sort((a, b) => a - b);
      y.data.set(row.slice(0, k), w);
    }
    return y;
  },
};
