import { broadcastShapes, formatShape } from '../ir/dim';
import { broadcastMap, nd } from '../reference/nd-array';
import { requireFloat } from './elementwise';
import { fail, type OpDef } from './op-def';
import { sumTo } from './sum-to';

/**
 * `y = A' B' + c` with `A' = transA ? aᵀ : a: [M, K]`, `B' = transB ? bᵀ : b: [K, N]`.
 * dA' = g B'ᵀ, dB' = A'ᵀ g; each is emitted as one Gemm with the right transposes.
 */
export const gemm: OpDef<'gemm'> = {
  kind: 'gemm',
  title: 'Gemm',
  arity: [2, 3],
  infer: (inputs, { transA, transB }) => {
    requireFloat(inputs);
    const [a, b, c] = inputs;
    if (a.shape.length !== 2 || b.shape.length !== 2) fail(`operands must be 2-D: a ${formatShape(a.shape)}, b ${formatShape(b.shape)}`);
    const [m, k] = transA ? [a.shape[1], a.shape[0]] : a.shape;
    const [k2, n] = transB ? [b.shape[1], b.shape[0]] : b.shape;
    if (k !== k2)
      fail(`inner dimensions differ: a ${formatShape(a.shape)}${transA ? 'ᵀ' : ''} × b ${formatShape(b.shape)}${transB ? 'ᵀ' : ''}`);
    if (c) {
      const r = broadcastShapes([m, n], c.shape);
      if (typeof r === 'string' || formatShape(r) !== formatShape([m, n]))
        fail(`bias ${formatShape(c.shape)} does not broadcast to ${formatShape([m, n])}`);
    }
    return { shape: [m, n], dtype: 'float32' };
  },
  vjp: ({ g, inputs: [a, b, c], grad, attrs: { transA, transB }, needs }) => [
    // transA: da = (g B'ᵀ)ᵀ = B' gᵀ;  else da = g B'ᵀ
    needs[0]
      ? transA
        ? g.gemm(b, grad, undefined, { transA: transB, transB: true })
        : g.gemm(grad, b, undefined, { transB: !transB })
      : undefined,
    // transB: db = (A'ᵀ g)ᵀ = gᵀ A';  else db = A'ᵀ g
    needs[1]
      ? transB
        ? g.gemm(grad, a, undefined, { transA: true, transB: transA })
        : g.gemm(a, grad, undefined, { transA: !transA })
      : undefined,
    c && needs[2] ? sumTo(g, grad, c.shape) : undefined,
  ],
  lower: ({ emit, inputs, output, attrs }) =>
    void emit.node('Gemm', inputs, { transA: { i: attrs.transA ? 1 : 0 }, transB: { i: attrs.transB ? 1 : 0 } }, output),
  reference: ([a, b, c], { transA, transB }, out) => {
    const [m, n] = out;
    const k = transA ? a.shape[0] : a.shape[1];
    const at = (i: number, p: number) => (transA ? a.data[p * m + i] : a.data[i * k + p]);
    const bt = (p: number, j: number) => (transB ? b.data[j * k + p] : b.data[p * n + j]);
    const y = c ? broadcastMap([c], out, (v) => v) : nd(out);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += at(i, p) * bt(p, j);
        y.data[i * n + j] += s;
      }
    return y;
  },
};
