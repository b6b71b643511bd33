import { thetaFilter, thetaForecast, thetaVarianceFactors, trendLine, type ThetaModelType } from './theta-filter';

const y = Float64Array.from([1, 2, 4, 3, 5]);
const p = { level0: 0.5, alpha: 0.5, theta: 2 };

describe('theta filter', () => {
  it('fits the least-squares line on t = 1..n', () => {
    // ȳ = 3, Σ t·y / n = 10.8: B = 6(21.6 − 18)/24 = 0.9, A = 3 − 3·0.9 = 0.3.
    const [a, b] = trendLine(y);
    expect(a).toBeCloseTo(0.3, 12);
    expect(b).toBeCloseTo(0.9, 12);
    expect(trendLine(Float64Array.from([7]))).toEqual([7, 0]);
  });

  it('STM: hand-computed first steps (A, B fixed)', () => {
    const e = new Float64Array(5);
    const state = thetaFilter(y, 'STM', p, e);
    // μ0 = ℓ0 + ½(A + B) = 1.1; μ1 = 0.75 + ½(0.3·½ + 0.9·(1 − ¼)/½) = 1.5; μ2 = 1.375 + ½(0.3·¼ + 0.9·(1 − ⅛)/½) = 2.2.
    expect(e[0]).toBeCloseTo(1 - 1.1, 12);
    expect(e[1]).toBeCloseTo(2 - 1.5, 12);
    expect(e[2]).toBeCloseTo(4 - 2.2, 12);
    expect(state.a).toBeCloseTo(0.3, 12);
    expect(state.b).toBeCloseTo(0.9, 12);
    expect(state.meanY).toBeCloseTo(3, 12);
    // ℓ: 0.75, 1.375, 2.6875, 2.84375, 3.921875
    expect(state.level).toBeCloseTo(3.921875, 12);
    expect(state.t).toBe(4);
  });

  it('DSTM: hand-computed first steps (A, B updated)', () => {
    const e = new Float64Array(3);
    const state = thetaFilter(y.subarray(0, 3), 'DSTM', p, e);
    // μ0 = y0; t=1: μ = 0.75 + ½·1·½ = 1, then ȳ = 1.5, B = (6·1/2)/3 = 1, A = 0;
    // t=2: μ = 1.375 + ½(1·0.875/0.5) = 2.25, then ȳ = 7/3, B = (1 + 6·2.5/3)/4 = 1.5, A = 7/3 − 3.
    expect(Array.from(e)).toEqual([0, 1, 1.75]);
    expect(state.b).toBeCloseTo(1.5, 12);
    expect(state.a).toBeCloseTo(7 / 3 - 3, 12);
    expect(state.level).toBeCloseTo(2.6875, 12);
  });

  it.each<ThetaModelType>(['DSTM', 'DOTM'])('%s forecasts equal the filter run on its own forecasts', (type) => {
    const q = { level0: 1.2, alpha: 0.3, theta: type === 'DOTM' ? 2.7 : 2 };
    const e = new Float64Array(5);
    const fc = thetaForecast(thetaFilter(y, type, q, e), type, q, 4);
    const extended = Float64Array.from([...y, ...fc]);
    const e2 = new Float64Array(extended.length);
    thetaFilter(extended, type, q, e2);
    for (let j = 0; j < 4; j++) expect(Math.abs(e2[5 + j]!)).toBeLessThan(1e-12);
  });

  it('STM variance factors are SES’s 1 + jα²', () => {
    const e = new Float64Array(5);
    const f = thetaVarianceFactors(thetaFilter(y, 'STM', p, e), 'STM', p, 4);
    expect(Array.from(f)).toEqual([1, 1.25, 1.5, 1.75]);
  });

  it('dynamic variance factors equal Σ_k (∂y_{T+j}/∂ε_{T+k})² found by re-running the filter', () => {
    const q = { level0: 1.2, alpha: 0.4, theta: 2.5 };
    const h = 5;
    const e = new Float64Array(y.length);
    const factors = thetaVarianceFactors(thetaFilter(y, 'DOTM', q, e), 'DOTM', q, h);
    // Future path with errors ε: y_{T+j} = one-step forecast of the filter on y ++ path so far, + ε_j.
    const path = (eps: number[]): number[] => {
      const out: number[] = [];
      for (let j = 0; j < h; j++) {
        const hist = Float64Array.from([...y, ...out]);
        const state = thetaFilter(hist, 'DOTM', q, new Float64Array(hist.length));
        out.push(thetaForecast(state, 'DOTM', q, 1)[0]! + eps[j]!);
      }
      return out;
    };
    const base = path(new Array<number>(h).fill(0));
    const expected = new Array<number>(h).fill(0);
    for (let k = 0; k < h; k++) {
      const unit = new Array<number>(h).fill(0);
      unit[k] = 1;
      const moved = path(unit);
      for (let j = 0; j < h; j++) expected[j] += (moved[j]! - base[j]!) ** 2;
    }
    for (let j = 0; j < h; j++) expect(factors[j]).toBeCloseTo(expected[j]!, 9);
    expect(factors[h - 1]).toBeGreaterThan(1 + (h - 1) * q.alpha ** 2);
  });
});
