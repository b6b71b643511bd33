import { cesCalc, cesForecast, cesInitialStates, cesUpdate, cesVarianceFactors, type CesParameters } from './ces-filter';

// Independent reference: CES as published (Svetunkov & Kourentzes), in complex numbers,
//   ℓ_t + i c_t = (α0 + iα1)(y_t + i e_t) + (1 − α0 + i(1 − α1))(ℓ_{t−1} + i c_{t−1}),
// and the same form for the full seasonal pair (s, d) with β and the same e_t.
type Complex = [number, number];
const mul = ([a, b]: Complex, [c, d]: Complex): Complex => [a * c - b * d, a * d + b * c];
const add = ([a, b]: Complex, [c, d]: Complex): Complex => [a + c, b + d];
function complexStep(prev: Complex, y: number, e: number, a0: number, a1: number): Complex {
  return add(mul([a0, a1], [y, e]), mul([1 - a0, 1 - a1], prev));
}

const p: CesParameters = { a0: 1.2, a1: 0.9, b0: 0.4, b1: 1.1 };

describe('CES filter', () => {
  it('N: one update equals the complex-valued recursion', () => {
    const v = Float64Array.from([10, 9, 0, 0]);
    cesUpdate(v, 2, 1, 1, 'N', p, 13);
    // e = y − ℓ_{t−1} = 3
    const [l, c] = complexStep([10, 9], 13, 3, p.a0, p.a1);
    expect(v[2]).toBeCloseTo(l, 12);
    expect(v[3]).toBeCloseTo(c, 12);
  });

  it('F: level and seasonal pairs follow the complex recursion with the shared error', () => {
    // m = 2, k = 4: rows 0, 1 initial; row 2 reads row 1 (level) and row 0 (season).
    const v = new Float64Array(3 * 4);
    v.set([5, 4, 1.5, 1.2], 0);
    v.set([6, 5, -1, -0.8], 4);
    const y = 9;
    cesUpdate(v, 4, 2, 2, 'F', p, y);
    const e = y - (6 + 1.5);
    const level = complexStep([6, 5], y - 1.5, e, p.a0, p.a1);
    const season = complexStep([1.5, 1.2], y - 6, e, p.b0, p.b1);
    expect(Array.from(v.subarray(8, 12)).map((x) => +x.toFixed(12))).toEqual([...level, ...season].map((x) => +x.toFixed(12)));
  });

  it('S and P: lag-m level; additive seasonal moved by b0·e', () => {
    const s = Float64Array.from([3, 2, 8, 7, 0, 0]);
    cesUpdate(s, 2, 2, 2, 'S', p, 4); // reads row 0
    const ref = complexStep([3, 2], 4, 1, p.a0, p.a1);
    expect(s[4]).toBeCloseTo(ref[0], 12);
    expect(s[5]).toBeCloseTo(ref[1], 12);
    const v = Float64Array.from([5, 4, 2, 6, 5, -2, 0, 0, 0]);
    cesUpdate(v, 3, 2, 2, 'P', p, 10); // level row 1, season row 0: e = 10 − 6 − 2 = 2
    expect(v[8]).toBeCloseTo(2 + p.b0 * 2, 12);
    const lvl = complexStep([6, 5], 10 - 2, 2, p.a0, p.a1);
    expect(v[6]).toBeCloseTo(lvl[0], 12);
  });

  it('initial states as StatsForecast: mean of the first 10 points, c = ℓ/1.1', () => {
    const y = Float64Array.from({ length: 12 }, (_, t) => t + 1);
    const st = cesInitialStates(y, 1, 'N');
    expect(st.values[0]).toBeCloseTo(5.5, 12);
    expect(st.values[1]).toBeCloseTo(5, 12);
    expect(st.values.length).toBe((12 + 2) * 2);
  });

  it('backfitting: the final pass restarts from the backward pass; −2logL = n log Σe²', () => {
    const y = Float64Array.from([3, 5, 4, 6, 5, 7, 6, 8]);
    const st = cesInitialStates(y, 1, 'N');
    const e = new Float64Array(y.length);
    const lik = cesCalc(y, y.slice().reverse(), st, { a0: 1.1, a1: 1, b0: NaN, b1: NaN }, e);
    const sse = e.reduce((s, v) => s + v * v, 0);
    expect(lik).toBeCloseTo(y.length * Math.log(sse), 10);
    // With a0 = a1 = 1, ℓ_t = ℓ_{t−1} − 0·c + 0·e:
    const st1 = cesInitialStates(y, 1, 'N');
    cesCalc(y, y.slice().reverse(), st1, { a0: 1, a1: 1, b0: NaN, b1: NaN }, e);
    // ℓ_t = ℓ − 0·c + 0·e = ℓ: the level never moves, so the errors are y − (the start level of the last pass).
    const start = y[0]! - e[0]!;
    for (let t = 0; t < y.length; t++) expect(e[t]).toBeCloseTo(y[t]! - start, 10);
  });

  it('variance factors = Σ (∂ŷ/∂state)² by finite differences', () => {
    const y = Float64Array.from([12, 8, 14, 9, 13, 10, 15, 11, 16, 12]);
    const st = cesInitialStates(y, 2, 'F');
    const e = new Float64Array(y.length);
    cesCalc(y, y.slice().reverse(), st, p, e);
    const h = 5;
    const fc = cesForecast(st, y.length, p, h);
    const last = st.values.slice(y.length * 4, (y.length + 2) * 4);
    const expected = new Array<number>(h).fill(0);
    for (let x = 0; x < last.length; x++) {
      const moved = last.slice();
      moved[x] += 1e-3;
      const f2 = cesForecast(st, 0, p, h, moved);
      for (let j = 0; j < h; j++) expected[j] += ((f2[j]! - fc[j]!) / 1e-3) ** 2;
    }
    const factors = cesVarianceFactors(st, p, h);
    for (let j = 0; j < h; j++) expect(factors[j]).toBeCloseTo(expected[j]!, 5);
  });
});
