import { UsageError } from '@tsforecast/config';
import { autoThetaDefinition, fitAutoTheta, THETA_MODELS } from './auto-theta';
import { thetafGolden } from './fixtures/thetaf-golden';
import { thetaFilter, trendLine } from './theta-filter';
import { fitThetaModel } from './theta-fit';
import { reseasonalise, thetaSeasonalAdjustment } from './theta-seasonal-adjustment';
import { EDGE_CASE_SERIES, isFiniteForecast } from '../../testing/edge-case-series';
import { frameOf } from '../../testing/frame-of';
import { fitAndPredict } from '../../testing/fit-and-predict';

const golden = thetafGolden();
const air = Float64Array.from(golden.find((g) => g.name === 'air_passengers')!.y);

describe("seasonal adjustment against R's thetaf", () => {
  // thetaf = ses() on the adjusted series + drift b/2·(j + (1 − (1−α)^n)/α), times the last season.
  // Given R's α, ℓ0 and drift, rebuilding its forecast from our adjusted series checks the
  // seasonal test, the decomposition, the slope and the reseasonalisation together.
  it.each(golden.filter((g) => g.thetaf).map((g) => [g.name, g] as const))('%s', (_name, g) => {
    const y = Float64Array.from(g.y);
    const r = g.thetaf!;
    const adjustment = thetaSeasonalAdjustment(y, g.m, 'multiplicative');
    expect(adjustment !== null).toBe(g.seasonal === true);
    const x = adjustment?.adjusted ?? y;
    expect(trendLine(x)[1] / 2).toBeCloseTo(r.drift, 9 - Math.max(0, Math.ceil(Math.log10(Math.abs(r.drift)))));
    let level = r.l0;
    for (let t = 0; t < x.length; t++) level = r.alpha * x[t]! + (1 - r.alpha) * level;
    const n = x.length;
    const mean = Float64Array.from({ length: g.h }, (_, j) => level + r.drift * (j + (1 - (1 - r.alpha) ** n) / r.alpha));
    if (adjustment) reseasonalise(mean, adjustment);
    for (let j = 0; j < g.h; j++) expect(Math.abs(mean[j]! - r.mean[j]!)).toBeLessThan(1e-6 * Math.abs(r.mean[j]!));
  });
});

describe('AutoTheta', () => {
  it('keeps the model with the lowest AIC (default) or in-sample MSE; forecasts finite values with ordered intervals', () => {
    const fit = fitAutoTheta(air, 12);
    const fits = THETA_MODELS.map((t) => fitThetaModel(thetaSeasonalAdjustment(air, 12, 'multiplicative')!.adjusted, t));
    const best = fits.reduce((a, b) => (b.aic < a.aic ? b : a));
    const bestMse = fits.reduce((a, b) => (b.mse < a.mse ? b : a));
    expect(fit.label).toContain(`Theta(${best.type},`);
    expect(fitAutoTheta(air, 12, { selection: 'mse' }).label).toContain(`Theta(${bestMse.type},`);
    // On with_zeros the criteria disagree: OTM's MSE is lower by a hair, too little to pay for θ.
    const zeros = Float64Array.from(golden.find((g) => g.name === 'with_zeros')!.y);
    expect(fitAutoTheta(zeros, 12, { selection: 'mse' }).label).toContain('Theta(OTM,');
    expect(fitAutoTheta(zeros, 12).label).toContain('Theta(STM,');
    for (const f of fits) expect(f.aic).toBeCloseTo((air.length - 3) * Math.log(f.mse) + 2 * (f.type.includes('O') ? 3 : 2), 8);
    expect(fit.label).toContain('multiplicative season');
    const fc = fit.forecast(12, [80, 95]);
    for (let j = 0; j < 12; j++) {
      expect(fc.lo[1]![j]).toBeLessThan(fc.lo[0]![j]!);
      expect(fc.lo[0]![j]).toBeLessThan(fc.mean[j]!);
      expect(fc.hi[0]![j]).toBeLessThan(fc.hi[1]![j]!);
    }
    // Held-out 1960 (apps/cli/assets): AutoTheta's MAE beats seasonal naive's 47.8 on this series.
    expect(Math.max(...fc.mean)).toBeGreaterThan(500);
  });

  it('DOTM restarted from DSTM fits at least as well as DSTM (the simplex alone may stall above it)', () => {
    const q1 = Float64Array.from(golden.find((g) => g.name === 'm3_quarterly_Q1')!.y);
    const x = thetaSeasonalAdjustment(q1, 4, 'multiplicative')!.adjusted;
    const dstm = fitThetaModel(x, 'DSTM');
    expect(fitThetaModel(x, 'DOTM').mse).toBeGreaterThan(dstm.mse);
    expect(fitThetaModel(x, 'DOTM', dstm.parameters).mse).toBeLessThanOrEqual(dstm.mse);
    expect(fitAutoTheta(q1, 4, { models: ['DOTM', 'DSTM'], selection: 'mse' }).label).toContain('Theta(DOTM,');
  });

  it('the profiled ℓ₀ is the least-squares one: moving it either way raises the SSE', () => {
    const y = Float64Array.from(golden.find((g) => g.name === 'm3_yearly_Y1')!.y);
    for (const type of THETA_MODELS) {
      const fit = fitThetaModel(y, type);
      const sse = (level0: number): number => {
        const e = new Float64Array(y.length);
        thetaFilter(y, type, { ...fit.parameters, level0 }, e);
        return e.slice(3).reduce((s, v) => s + v * v, 0);
      };
      const l = fit.parameters.level0;
      const d = 1e-3 * Math.max(1, Math.abs(l));
      expect(sse(l + d)).toBeGreaterThan(sse(l));
      expect(sse(l - d)).toBeGreaterThan(sse(l));
      expect(sse(l)).toBeCloseTo(fit.mse * (y.length - 3), 6);
    }
  });

  it.each([...EDGE_CASE_SERIES, ['negative values', [-3, -5, -4, -8, -5, -9, -6, -10, -5, -11, -7, -12], 2]])(
    '%s: finite forecasts and intervals',
    (_case, values, m) => {
      const fit = fitAutoTheta(Float64Array.from(values), m);
      const fc = fit.forecast(6, [80, 95]);
      expect(isFiniteForecast(fc)).toBe(true);
      expect(fc.lo).toHaveLength(2);
    },
  );

  it('a constant series forecasts the constant with zero-width intervals; a short one falls back to naive', () => {
    const fc = fitAutoTheta(new Float64Array(20).fill(42), 4).forecast(3, [95]);
    expect(Array.from(fc.mean)).toEqual([42, 42, 42]);
    expect(Array.from(fc.hi[0]!)).toEqual([42, 42, 42]);
    const short = fitAutoTheta(Float64Array.from([10, 12, 11]), 1);
    expect(short.label).toBe('Theta(naive fallback)');
    expect(Array.from(short.forecast(2, []).mean)).toEqual([11, 11]);
    // Random-walk intervals: σ² = mean squared difference = (2² + 1²)/2, Var(y_{T+j}) = j σ².
    const hi = short.forecast(3, [95]).hi[0]!;
    for (let j = 0; j < 3; j++) expect(hi[j]).toBeCloseTo(11 + 1.959963984540054 * Math.sqrt(2.5 * (j + 1)), 8);
  });

  it('uses the additive decomposition when the data are not all positive', () => {
    const zeros = golden.find((g) => g.name === 'with_zeros')!;
    expect(zeros.seasonal).toBe(true);
    const y = Float64Array.from(zeros.y);
    const adjustment = thetaSeasonalAdjustment(y, 12, 'multiplicative')!;
    expect(adjustment.type).toBe('additive');
    expect(Array.from(adjustment.lastSeason)).toEqual(zeros.additiveFigure!.map((v) => expect.closeTo(v, 9) as number));
    expect(fitAutoTheta(y, 12).label).toContain('additive season');
    // Shifted so that its minimum is 0: the indices stay above 0.01, the zero alone forces additive.
    const oneZero = air.map((v) => v - 104);
    expect(Math.min(...oneZero)).toBe(0);
    expect(thetaSeasonalAdjustment(oneZero, 12, 'multiplicative')?.type).toBe('additive');
    expect(thetaSeasonalAdjustment(air, 12, 'multiplicative')?.type).toBe('multiplicative');
    // Positive data with a near-zero seasonal index (< 0.01) go additive too.
    const tiny = y.map((v) => (v === 0 ? 1e-6 : v));
    expect(thetaSeasonalAdjustment(tiny, 12, 'multiplicative')?.type).toBe('additive');
  });

  it('runs through the registration with quantiles and checks its hyperparameters', async () => {
    const frame = frameOf({ air }, { seasonLength: 12, start: Date.UTC(1949, 0, 1) });
    const model = autoThetaDefinition.create(12, 12, { model: 'DOTM' });
    const fc = await fitAndPredict(model, frame);
    expect(fc.mean[0]).toHaveLength(12);
    expect(fc.quantiles?.levels).toEqual([0.025, 0.1, 0.5, 0.9, 0.975]);
    expect(autoThetaDefinition.defaults(8, 4)).toMatchObject({
      seasonLength: 4,
      model: 'auto',
      decompositionType: 'multiplicative',
      selection: 'aic',
    });
    expect(() => autoThetaDefinition.create(3, 4, { model: 'XYZ' } as unknown as { model: 'auto' })).toThrow(UsageError);
    expect(() => autoThetaDefinition.create(3, 4, { model: 'XYZ' } as unknown as { model: 'auto' })).toThrow(
      /'model' must be one of auto, STM, OTM, DSTM, DOTM, got XYZ/,
    );
    expect(() => autoThetaDefinition.create(3, 4, { decompositionType: 'log' } as unknown as { model: 'auto' })).toThrow(
      /'decompositionType' must be multiplicative or additive, got log/,
    );
    expect(() => autoThetaDefinition.create(3, 4, { selection: 'bic' } as unknown as { model: 'auto' })).toThrow(
      /'selection' must be aic or mse, got bic/,
    );
  });
});
