import * as ort from 'onnxruntime-node';
import { createSession, exportInference, GraphBuilder } from '@tsforecast/graph';
import { SCALER_TYPES, type ScalerType } from './scaler-type';
import { applyScaler, invertScaler, scalerStatistics, SCALER_EPS } from './temporal-norm';

/** TypeScript reference of NeuralForecast's masked statistics for one row. */
function reference(type: ScalerType, x: number[], m: number[]): { shift: number; scale: number } {
  const v = x.filter((_, i) => m[i] > 0);
  const mean = v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0;
  const std = v.length ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length) : 0;
  const lowerMedian = (a: number[]) => (a.length ? [...a].sort((p, q) => p - q)[Math.floor((a.length - 1) / 2)] : 0);
  const guard = (s: number) => (s === 0 ? 1 : s) + SCALER_EPS;
  switch (type) {
    case 'identity':
      return { shift: 0, scale: 1 };
    case 'standard':
    case 'revin':
      return { shift: mean, scale: guard(std) };
    case 'robust': {
      const med = lowerMedian(v);
      const mad = lowerMedian(v.map((u) => Math.abs(u - med)));
      return { shift: med, scale: guard(mad === 0 ? std * 0.6744897501960817 : mad) };
    }
    case 'minmax': {
      const lo = v.length ? Math.min(...v) : 0;
      const hi = v.length ? Math.max(...v) : 0;
      return { shift: lo, scale: guard(hi - lo) };
    }
  }
}

const L = 6;
// Rows: plain, masked with an even count, ties, constant (MAD 0 and std 0), mostly constant (MAD 0, std > 0), all masked.
const rows: { x: number[]; m: number[] }[] = [
  { x: [3, -1, 4, 1, 5, 9], m: [1, 1, 1, 1, 1, 1] },
  { x: [0, 0, 7, 2, 8, 1], m: [0, 0, 1, 1, 1, 1] },
  { x: [2, 2, 5, 2, 5, 5], m: [1, 1, 1, 1, 1, 1] },
  { x: [4, 4, 4, 4, 4, 4], m: [1, 1, 1, 1, 1, 1] },
  { x: [1, 1, 1, 1, 1, 10], m: [1, 1, 1, 1, 1, 1] },
  { x: [0, 0, 0, 0, 0, 0], m: [0, 0, 0, 0, 0, 0] },
];

describe.each(SCALER_TYPES)('%s scaler', (type) => {
  it('matches the TypeScript reference (masked statistics) and inverts exactly', async () => {
    const g = new GraphBuilder({ seed: 1 });
    const y = g.input('y', ['B', L]);
    const mask = g.input('mask', ['B', L]);
    const s = scalerStatistics(g, type, y, mask);
    g.output('shift', g.add(s.shift, g.mul(g.reduceSum(y, [1], true), 0)));
    g.output('scale', g.add(s.scale, g.mul(g.reduceSum(y, [1], true), 0)));
    const z = g.output('z', applyScaler(g, y, s));
    g.output('back', invertScaler(g, z, s));
    const { session } = await createSession(exportInference(g, {}).bytes);
    const out = await session.run({
      y: new ort.Tensor('float32', Float32Array.from(rows.flatMap((r) => r.x)), [rows.length, L]),
      mask: new ort.Tensor('float32', Float32Array.from(rows.flatMap((r) => r.m)), [rows.length, L]),
    });
    rows.forEach((r, i) => {
      const ref = reference(type, r.x, r.m);
      expect(out.shift.data[i]).toBeCloseTo(ref.shift, 4);
      expect(out.scale.data[i]).toBeCloseTo(ref.scale, 4);
      for (let t = 0; t < L; t++) {
        expect(out.z.data[i * L + t]).toBeCloseTo((r.x[t] - ref.shift) / ref.scale, 3);
        // RevIN's untrained affine (weight 1, bias 0) scales by (1 + ε): still the identity to float32 precision.
        expect(out.back.data[i * L + t]).toBeCloseTo(r.x[t], 3);
      }
    });
    await session.release();
  });
});
