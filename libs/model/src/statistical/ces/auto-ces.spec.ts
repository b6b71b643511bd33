import { UsageError } from '@tsforecast/config';
import { thetafGolden } from '../theta/fixtures/thetaf-golden';
import { autoCesDefinition, CES_TYPES, cesCandidates, fitAutoCes } from './auto-ces';
import { fitCesModel } from './ces-fit';
import { EDGE_CASE_SERIES, isFiniteForecast } from '../../testing/edge-case-series';
import { frameOf } from '../../testing/frame-of';
import { fitAndPredict } from '../../testing/fit-and-predict';

const golden = thetafGolden();
const air = Float64Array.from(golden.find((g) => g.name === 'air_passengers')!.y);

describe('AutoCES', () => {
  it('tries the seasonal types only with m > 1 and two full seasons', () => {
    expect(cesCandidates(24, 12, CES_TYPES)).toEqual(['N', 'S', 'P', 'F']);
    expect(cesCandidates(23, 12, CES_TYPES)).toEqual(['N']);
    expect(cesCandidates(40, 1, CES_TYPES)).toEqual(['N']);
    expect(cesCandidates(4, 2, CES_TYPES)).toEqual(['N', 'S', 'P']);
    expect(cesCandidates(2, 1, CES_TYPES)).toEqual([]);
  });

  it('keeps the type with the lowest AICc; the fit improves on the start values', () => {
    const fits = CES_TYPES.map((t) => fitCesModel(air, 12, t));
    const best = fits.reduce((a, b) => (b.aicc < a.aicc ? b : a));
    const fit = fitAutoCes(air, 12);
    expect(fit.label.startsWith(`CES(${best.type},`)).toBe(true);
    // Seasonal airline data: a seasonal type wins over N by a wide margin.
    expect(best.type).not.toBe('N');
    expect(fits[0]!.aicc - best.aicc).toBeGreaterThan(50);
    const fc = fit.forecast(12, [80, 95]);
    // 1960 (held out, apps/cli/assets/air_passengers.csv) peaks at 622 in July.
    expect(Math.max(...fc.mean)).toBeGreaterThan(550);
    for (let j = 0; j < 12; j++) expect(fc.lo[1]![j]!).toBeLessThan(fc.lo[0]![j]!);
  });

  it.each([...EDGE_CASE_SERIES, ['two seasons of m = 2', [3, 5, 4, 6], 2]])('%s: finite forecasts and intervals', (_case, values, m) => {
    const fc = fitAutoCes(Float64Array.from(values), m).forecast(6, [80, 95]);
    expect(isFiniteForecast(fc)).toBe(true);
    expect(fc.hi).toHaveLength(2);
  });

  it('a constant series forecasts the constant', () => {
    const fit = fitAutoCes(new Float64Array(20).fill(7), 4);
    expect(fit.label).toBe('CES(naive fallback)');
    expect(Array.from(fit.forecast(2, [90]).hi[0]!)).toEqual([7, 7]);
  });

  it('runs through the registration and checks its hyperparameters', async () => {
    const frame = frameOf({ air }, { seasonLength: 12, start: Date.UTC(1949, 0, 1) });
    const model = autoCesDefinition.create(12, 12, { model: 'N' });
    const fc = await fitAndPredict(model, frame);
    expect(fc.mean[0]).toHaveLength(12);
    expect(fc.quantiles?.values).toHaveLength(5);
    expect(autoCesDefinition.defaults(8, 4)).toMatchObject({ seasonLength: 4, model: 'Z', level: [80, 95] });
    expect(() => autoCesDefinition.create(3, 4, { model: 'Q' } as unknown as { model: 'Z' })).toThrow(UsageError);
    expect(() => autoCesDefinition.create(3, 4, { model: 'Q' } as unknown as { model: 'Z' })).toThrow(
      /'model' must be one of Z, N, S, P, F, got Q/,
    );
  });
});
