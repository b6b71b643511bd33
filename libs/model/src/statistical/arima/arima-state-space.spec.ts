import { differencingDelta, type ArimaOrder } from './arima-order';
import { ArimaStateSpace } from './arima-state-space';
import { expandArma } from './arima-transform';
import { ArmaLikelihood } from './arma-likelihood';
import { arimaGolden } from './fixtures/arima-golden';
import { difference } from './regression-start';
import { StationaryCovariance } from './stationary-covariance';

function expanded(order: ArimaOrder, coef: number[]): { phi: Float64Array; theta: Float64Array } {
  const phi = new Float64Array(order.p + order.m * order.P);
  const theta = new Float64Array(order.q + order.m * order.Q);
  expandArma(Float64Array.from(coef), order, false, phi, theta, new Float64Array(coef.length), new Float64Array(8));
  return { phi, theta };
}

describe('Q0, the stationary state covariance (vs R getQ0)', () => {
  it('equals Gardner et al.’s matrix for AR, MA, ARMA and a sparse seasonal ARMA', () => {
    for (const g of arimaGolden().q0) {
      const r = g.Q0.length;
      const out = new Float64Array(r * r);
      expect(
        new StationaryCovariance(g.phi.length, g.theta.length).compute(Float64Array.from(g.phi), Float64Array.from(g.theta), out, r),
      ).toBe(true);
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) expect(out[i + j * r]).toBeCloseTo(g.Q0[i]![j]!, 10);
    }
  });

  it('reports a non-stationary AR part', () => {
    expect(new StationaryCovariance(2, 1).compute(Float64Array.of(0.5, 0.5), Float64Array.of(0.3), new Float64Array(4), 2)).toBe(false);
  });
});

describe('exact Gaussian likelihood (vs R arima(..., fixed = ...)$loglik)', () => {
  for (const g of arimaGolden().loglik) {
    it(`matches R on ${g.name}`, () => {
      const [p, d, q] = g.order as [number, number, number];
      const [P, D, Q] = g.seasonal as [number, number, number];
      const order: ArimaOrder = { p, d, q, P, D, Q, m: g.m };
      const { phi, theta } = expanded(order, g.fixed);
      const x = Float64Array.from(g.x);
      const model = new ArimaStateSpace(phi, theta, differencingDelta(order));
      expect(model.reset()).toBe(true);
      model.filter(x, null);
      const nUsed = x.length - model.delta.length;
      // R: loglik = −½ (2 n.used · ½ (log(ssq/ν) + Σlog F/ν) + n.used (1 + log 2π))
      const objective = 0.5 * (Math.log(model.ssq / model.nu) + model.sumlog / model.nu);
      const loglik = -0.5 * (2 * nUsed * objective + nUsed + nUsed * Math.log(2 * Math.PI));
      expect(loglik).toBeCloseTo(g.loglik, 8);
      expect(model.ssq / nUsed).toBeCloseTo(g.sigma2, 8);
      // The search's objective on the differenced series agrees to O(1/κ).
      const arma = new ArmaLikelihood(phi, theta).objective(difference(x, order));
      expect(Math.abs(arma - objective)).toBeLessThan(1e-6);
    });
  }
});
