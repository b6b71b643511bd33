import { etsFilter, etsPointForecast } from './ets-filter';
import { ADD, MULT, NONE, type EtsComponents } from './ets-spec';

const ANN: EtsComponents = { error: ADD, trend: NONE, season: NONE, damped: false };

describe('etsFilter', () => {
  it('computes the ETS(A,N,N) recursions by hand: e = y − l, l ← l + αe, lik = n log Σe²', () => {
    // l0 = 10, α = 0.5: e1 = 12 − 10 = 2, l1 = 11; e2 = 10 − 11 = −1, l2 = 10.5.
    const e = new Float64Array(2);
    const last = new Float64Array(1);
    const lik = etsFilter(Float64Array.of(12, 10), 1, ANN, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, Float64Array.of(10), {
      ring: new Float64Array(1),
      e,
      last,
    });
    expect(Array.from(e)).toEqual([2, -1]);
    expect(last[0]).toBe(10.5);
    expect(lik).toBeCloseTo(2 * Math.log(5), 14);
  });

  // Golden: R forecast 8.20, forecast:::pegelsresid.C(ts(y, frequency = 2), 2, init, ...).
  const y = Float64Array.of(10, 12, 9, 13, 11, 14);

  it("matches R's etscalc for ETS(M,Ad,M) (α .3, β .1, γ .2, φ .9, m 2)", () => {
    const c: EtsComponents = { error: MULT, trend: ADD, season: MULT, damped: true };
    const e = new Float64Array(6);
    const last = new Float64Array(4);
    const lik = etsFilter(y, 2, c, { alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.9 }, Float64Array.of(10, 0.5, 0.9, 1.1), {
      ring: new Float64Array(2),
      e,
      last,
    });
    expect(lik).toBeCloseTo(21.518550848352071, 12);
    const rE = [
      -0.13005654632448899, 0.29136968832499105, -0.28523936175794079, 0.25015613355109867, -0.10288321409080491, 0.16561973150936304,
    ];
    rE.forEach((v, i) => expect(e[i]).toBeCloseTo(v, 13));
    [12.60630156002370761, 0.4462099458822365, 1.03322582561478837, 0.98947927216319254].forEach((v, i) =>
      expect(last[i]).toBeCloseTo(v, 12),
    );
  });

  it("matches R's etscalc for ETS(A,A,A)", () => {
    const c: EtsComponents = { error: ADD, trend: ADD, season: ADD, damped: false };
    const last = new Float64Array(4);
    const lik = etsFilter(y, 2, c, { alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 1 }, Float64Array.of(10, 0.5, -1, 1), {
      ring: new Float64Array(2),
      last,
    });
    expect(lik).toBeCloseTo(20.770570465997089, 12);
    [12.778168, 0.555236, 0.359952, -0.24948].forEach((v, i) => expect(last[i]).toBeCloseTo(v, 12));
  });

  it('gives NaN when a multiplicative trend turns negative (R: NA)', () => {
    const c: EtsComponents = { error: MULT, trend: MULT, season: NONE, damped: false };
    expect(
      etsFilter(y, 1, c, { alpha: 0.3, beta: 0.1, gamma: 0, phi: 1 }, Float64Array.of(10, -0.5), { ring: new Float64Array(1) }),
    ).toBeNaN();
  });
});

describe('etsPointForecast', () => {
  it('damps the trend by φ + φ² + … and cycles the seasons newest-last', () => {
    const c: EtsComponents = { error: ADD, trend: ADD, season: ADD, damped: true };
    // l 10, b 1, seasons s1 (newest) = 2, s2 = −2: ŷ1 = 10 + .5 − 2, ŷ2 = 10 + .75 + 2, ŷ3 = 10 + .875 − 2.
    const f = etsPointForecast(Float64Array.of(10, 1, 2, -2), 2, c, 0.5, 3);
    expect(Array.from(f)).toEqual([8.5, 12.75, 8.875]);
  });
});
