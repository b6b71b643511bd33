import { ArimaFitError, fitArima } from './arima-fit';
import type { ArimaOrder } from './arima-order';
import { arimaGolden } from './fixtures/arima-golden';

describe('fitArima (vs R stats::arima)', () => {
  for (const g of arimaGolden().fits) {
    it(`fits ${g.name} (${g.method}) with R’s coefficients, likelihood and predictions`, () => {
      const [p, d, q] = g.order as [number, number, number];
      const [P, D, Q] = g.seasonal as [number, number, number];
      const order: ArimaOrder = { p, d, q, P, D, Q, m: g.m };
      const x = Float64Array.from(g.x);
      const n = x.length;
      const regressor = g.drift
        ? Float64Array.from({ length: n }, (_, i) => i + 1)
        : g.mean && d + D === 0
          ? new Float64Array(n).fill(1)
          : null;
      const fit = fitArima(x, order, { method: g.method, regressor });
      expect(fit.coef.length).toBe(g.coef.length);
      // Coefficients: the optimiser path differs from R's only by the O(1/κ) objective and rounding.
      g.coef.forEach((c, i) => expect(Math.abs(fit.coef[i]! - c)).toBeLessThan(1e-3 * Math.max(1, Math.abs(c))));
      expect(Math.abs(fit.sigma2 - g.sigma2) / g.sigma2).toBeLessThan(1e-4);
      if (g.method === 'CSS-ML') {
        expect(Math.abs(fit.loglik - g.loglik)).toBeLessThan(1e-4);
        expect(Math.abs(fit.aic - g.aic!)).toBeLessThan(1e-3);
      }
      const h = g.pred.length;
      const mean = new Float64Array(h);
      const variance = new Float64Array(h);
      fit.endState().forecast(h, mean, variance);
      const beta = regressor ? fit.coef[fit.coef.length - 1]! : 0;
      for (let k = 0; k < h; k++) {
        const pred = mean[k]! + beta * (g.drift ? n + k + 1 : regressor ? 1 : 0);
        expect(Math.abs(pred - g.pred[k]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(g.pred[k]!)));
        expect(Math.abs(Math.sqrt(variance[k]! * fit.sigma2) - g.se[k]!) / g.se[k]!).toBeLessThan(1e-4);
      }
    });
  }

  it('fails as R does when the data cannot carry the differences', () => {
    expect(() =>
      fitArima(Float64Array.of(1, 2), { p: 0, d: 0, q: 0, P: 0, D: 1, Q: 0, m: 4 }, { method: 'CSS-ML', regressor: null }),
    ).toThrow(ArimaFitError);
    expect(() =>
      fitArima(Float64Array.of(1, 2), { p: 0, d: 0, q: 0, P: 0, D: 1, Q: 0, m: 4 }, { method: 'CSS-ML', regressor: null }),
    ).toThrow(/too few observations: n = 2/);
  });
});
