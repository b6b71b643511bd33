import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isRError, rGolden, rResult, type RGoldenSeries, type RInterval } from './r-golden';

const seriesDir = path.resolve(__dirname, '../../../../../tools/reference/series');

function committedY(name: string): number[] {
  const lines = readFileSync(path.join(seriesDir, `${name}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return lines.map((line) => Number(line.split(',')[2]));
}

function expectInterval(fc: RInterval, h: number, where: string): void {
  for (const key of ['mean', 'lo80', 'hi80', 'lo95', 'hi95'] as const) {
    expect({ where, key, length: fc[key].length }).toEqual({ where, key, length: h });
    expect({ where, key, finite: fc[key].every(Number.isFinite) }).toEqual({ where, key, finite: true });
  }
  // Nested normal intervals: lo95 <= lo80 <= mean <= hi80 <= hi95 (1e-9 slack for R's rounding).
  for (let t = 0; t < h; t++) {
    const chain = [fc.lo95[t]!, fc.lo80[t]!, fc.mean[t]!, fc.hi80[t]!, fc.hi95[t]!];
    for (let k = 1; k < chain.length; k++) expect(chain[k]! - chain[k - 1]!).toBeGreaterThanOrEqual(-1e-9);
  }
}

const golden = rGolden();
const all: RGoldenSeries[] = Object.values(golden.series);

describe('r-golden.json', () => {
  it('records the R and forecast versions and the interval levels', () => {
    expect(golden.r_version).toMatch(/^R version 4\.\d+\.\d+/);
    expect(golden.forecast_version).toMatch(/^\d+\.\d+/);
    expect(golden.levels).toEqual([80, 95]);
  });

  it('holds the fixed set of series, each equal to its committed CSV copy', () => {
    expect(Object.keys(golden.series).sort()).toEqual(
      readFileSync(path.join(seriesDir, 'index.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => JSON.parse(line.split(',')[0]!) as string)
        .sort(),
    );
    for (const s of all) {
      expect({ name: s.name, y: s.y }).toEqual({ name: s.name, y: committedY(s.name) });
      expect(Number.isInteger(s.m) && s.m >= 1 && Number.isInteger(s.h) && s.h >= 1).toBe(true);
    }
  });

  it('has h finite, nested forecasts for every method R could fit', () => {
    for (const s of all) {
      for (const method of ['ets', 'auto_arima', 'thetaf'] as const) {
        const entry = s[method];
        if (isRError(entry)) continue;
        expectInterval(entry, s.h, `${s.name}/${method}`);
      }
      const croston = rResult(s, 'croston');
      expect(croston.mean).toHaveLength(s.h);
      if (s.mstl) {
        const mstl = rResult(s, 'mstl');
        expectInterval(mstl.forecast, s.h, `${s.name}/mstl`);
        expectInterval(mstl.stlf, s.h, `${s.name}/stlf`);
      }
    }
  });

  it('labels ets and auto.arima fits consistently with their parameters', () => {
    for (const s of all) {
      const ets = rResult(s, 'ets');
      if (ets.method.startsWith('ETS(')) {
        const { error, trend, season, damped } = ets.components;
        expect(ets.method).toBe(`ETS(${error},${trend}${damped ? 'd' : ''},${season})`);
        expect(ets.beta === null).toBe(trend === 'N');
        expect(ets.gamma === null).toBe(season === 'N');
        expect(ets.phi === null).toBe(!damped);
      }
      const arima = rResult(s, 'auto_arima');
      expect(arima.method.startsWith(`ARIMA(${arima.order.p},${arima.order.d},${arima.order.q})`)).toBe(true);
      const arCount = Object.keys(arima.coef).filter((k) => /^ar\d+$/.test(k)).length;
      expect(arCount).toBe(arima.order.p);
    }
  });

  it('pins the textbook AirPassengers fits', () => {
    const air = golden.series['air_passengers']!;
    expect(air.y).toHaveLength(132);
    expect(rResult(air, 'ets').method).toBe('ETS(M,Ad,M)');
    expect(rResult(air, 'auto_arima').method).toBe('ARIMA(1,1,0)(0,1,0)[12]');
  });

  it('has additive mstl components that add back to the data', () => {
    const withMstl = all.filter((s) => s.mstl !== undefined);
    expect(withMstl.map((s) => s.name)).toContain('m4_hourly_H1');
    for (const s of withMstl) {
      const { components, seasonal_periods } = rResult(s, 'mstl');
      const parts = ['Trend', ...seasonal_periods.map((p) => `Seasonal${p}`), 'Remainder'];
      for (let t = 0; t < s.y.length; t++) {
        const sum = parts.reduce((acc, k) => acc + components[k]![t]!, 0);
        expect(Math.abs(sum - components['Data']![t]!)).toBeLessThan(1e-6 * (1 + Math.abs(s.y[t]!)));
      }
    }
  });

  it('names the series and method when a result is missing', () => {
    const three = golden.series['three_points']!;
    expect(() => rResult(three, 'mstl')).toThrow(/'mstl' was not run on series 'three_points'/);
  });
});
