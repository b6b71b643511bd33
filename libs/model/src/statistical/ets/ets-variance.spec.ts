import { ADD, MULT, NONE, type EtsComponents } from './ets-spec';
import { class1Moments, class2Moments } from './ets-variance';

describe('ETS forecast variances', () => {
  const par = { alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.9 };

  it('class 1, ETS(A,N,A): c_j = α + γ·[j ≡ 0 mod m], v_h = σ²(1 + Σ_{j<h} c_j²)', () => {
    const c: EtsComponents = { error: ADD, trend: NONE, season: ADD, damped: false };
    // State (l, s1 … s4), s1 the newest season; σ² = 2.
    const { mean, variance } = class1Moments({ lastState: Float64Array.of(10, 1, 2, 3, 4), components: c, m: 4, par, sigma2: 2 }, 6);
    // ŷ_{T+k} = l + s_{T+k−4}: the oldest season (s4) first.
    expect(Array.from(mean)).toEqual([14, 13, 12, 11, 14, 13]);
    // c1..c3 = α, c4 = α + γ: v5 = 2(1 + 3·0.09 + 0.25), v6 = v5 + 2·0.09.
    expect(variance[3]).toBeCloseTo(2 * (1 + 3 * 0.09), 12);
    expect(variance[4]).toBeCloseTo(2 * (1 + 3 * 0.09 + 0.25), 12);
    expect(variance[5]).toBeCloseTo(2 * (1 + 4 * 0.09 + 0.25), 12);
  });

  it('class 1, ETS(A,Ad,N): c_j = α + β(φ + … + φ^j)', () => {
    const c: EtsComponents = { error: ADD, trend: ADD, season: NONE, damped: true };
    const { mean, variance } = class1Moments({ lastState: Float64Array.of(10, 2), components: c, m: 1, par, sigma2: 1 }, 3);
    expect(mean[1]).toBeCloseTo(10 + 2 * (0.9 + 0.81), 12);
    const c1 = 0.3 + 0.1 * 0.9;
    const c2 = 0.3 + 0.1 * (0.9 + 0.81);
    expect(variance[2]).toBeCloseTo(1 + c1 * c1 + c2 * c2, 12);
  });

  it('class 2, ETS(M,N,N): v_h = (1 + σ²)θ_h − μ², θ_h = l²(1 + σ²α²)^{h−1}', () => {
    const c: EtsComponents = { error: MULT, trend: NONE, season: NONE, damped: false };
    const s2 = 0.01;
    const { variance } = class2Moments({ lastState: Float64Array.of(100), components: c, m: 1, par, sigma2: s2 }, 3);
    const theta3 = 1e4 * (1 + s2 * 0.09) ** 2;
    expect(variance[2]).toBeCloseTo((1 + s2) * theta3 - 1e4, 9);
  });
});
