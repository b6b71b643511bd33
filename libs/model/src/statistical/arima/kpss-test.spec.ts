import { arimaGolden } from './fixtures/arima-golden';
import { kpssPValue, kpssStatistic, ndiffs } from './kpss-test';
import { nsdiffs, seasonalStrength } from './seasonal-strength';
import { readReferenceSeries } from './fixtures/reference-series';

describe('KPSS and the differencing tests (vs urca / forecast 8.20)', () => {
  it('computes urca’s ur.kpss(type = "mu") statistic with forecast’s lag', () => {
    for (const k of arimaGolden().kpss) {
      const stat = kpssStatistic(Float64Array.from(k.x));
      expect({ name: k.name, rel: Math.abs(stat - k.stat) / k.stat < 1e-10 }).toEqual({ name: k.name, rel: true });
    }
  });

  it('interpolates urca’s p-value table, clamped to [0.01, 0.1]', () => {
    expect(kpssPValue(0.2)).toBe(0.1);
    expect(kpssPValue(0.463)).toBeCloseTo(0.05, 12);
    expect(kpssPValue((0.463 + 0.574) / 2)).toBeCloseTo(0.0375, 12);
    expect(kpssPValue(5)).toBe(0.01);
  });

  it('chooses R’s ndiffs, nsdiffs and seasonal strength on every reference series', () => {
    for (const g of arimaGolden().differences) {
      const y = readReferenceSeries(g.name);
      expect({ name: g.name, d: ndiffs(y) }).toEqual({ name: g.name, d: g.ndiffs });
      if (g.nsdiffs !== null) expect({ name: g.name, D: nsdiffs(y, g.m) }).toEqual({ name: g.name, D: g.nsdiffs });
      if (g.strength !== null) expect(seasonalStrength(y, g.m)).toBeCloseTo(g.strength, 8);
    }
  });
});
