import { broadcastShapes, formatShape, productOf } from '../ir/dim';
import { broadcastMap, forEachIndex, nd } from '../reference/nd-array';
import { requireFloat } from './elementwise';
import { fail, type OpDef } from './op-def';
import { sumTo } from './sum-to';

/**
 * Batched matrix product `a: [..., M, K] × b: [..., K, N] → [..., M, N]`
 * (batch dims broadcast). y = ab: da = g bᵀ, db = aᵀ g (summed over broadcast batch dims).
 */
export const matmul: OpDef<'matmul'> = {
  kind: 'matmul',
  title: 'MatMul',
  arity: 2,
  infer: ([a, b]) => {
    requireFloat([a, b]);
    if (a.shape.length < 2 || b.shape.length < 2)
      fail(`operands must have rank >= 2: a ${formatShape(a.shape)} × b ${formatShape(b.shape)}`);
    const [m, k] = a.shape.slice(-2);
    const [k2, n] = b.shape.slice(-2);
    if (k !== k2) fail(`inner dimensions differ: a ${formatShape(a.shape)} × b ${formatShape(b.shape)}`);
    const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
    if (typeof batch === 'string') fail(`batch ${batch}`);
    return { shape: [...batch, m, n], dtype: 'float32' };
  },
  vjp: ({ g, inputs: [a, b], grad, needs }) => {
    const da = needs[0] ? sumTo(g, g.matmul(grad, g.transposeLast2(b)), a.shape) : undefined;
    let db;
    if (needs[1] && b.shape.length === 2 && a.shape.length > 2) {
      // Flatten the batch: db = a₂ᵀ g₂ with a₂: [B·…, K], g₂: [B·…, N] — one GEMM, no reduction.
      const rows = productOf(a.shape.slice(0, -1));
      const a2 = g.reshape(a, [rows, a.shape[a.shape.length - 1]]);
      const g2 = g.reshape(grad, [rows, grad.shape[grad.shape.length - 1]]);
      db = g.gemm(a2, g2, undefined, { transA: true });
    } else if (needs[1]) {
      db = sumTo(g, g.matmul(g.transposeLast2(a), grad), b.shape);
    }
    return [da, db];
  },
  lower: ({ emit, inputs, output }) => void emit.node('MatMul', inputs, {}, output),
  reference: ([a, b], _attrs, out) => {
    const r = out.length;
    const [m, k, n] = [a.shape[a.shape.length - 2], a.shape[a.shape.length - 1], b.shape[b.shape.length - 1]];
    const y = nd(out);
    const batchShape = out.slice(0, r - 2);
    const aBatch = a.shape.slice(0, -2);
    const bBatch = b.shape.slice(0, -2);
    // Index of each batch entry in a and b, via broadcasting an iota.
    const iota = (s: readonly number[]) =>
      nd(
        s,
        Array.from({ length: s.reduce((p, q) => p * q, 1) }, (_, i) => i),
      );
    const aIdx = broadcastMap([iota(aBatch)], batchShape, (v) => v).data;
    const bIdx = broadcastMap([iota(bBatch)], batchShape, (v) => v).data;
    forEachIndex(batchShape, (bi) => {
      const ao = aIdx[bi] * m * k;
      const bo = bIdx[bi] * k * n;
      const yo = bi * m * n;
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) s += a.data[ao + i * k + p] * b.data[bo + p * n + j];
          y.data[yo + i * n + j] = s;
        }
    });
    return y;
  },
};
