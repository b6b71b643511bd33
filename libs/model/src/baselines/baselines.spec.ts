import { resolve } from 'node:path';
import { DataError, silentLogger, UsageError } from '@tsforecast/config';
import { evaluateForecasts, holdOut, readCsv, type SeriesFrame } from '@tsforecast/data';
import { historicAverageDefinition } from './historic-average';
import { naiveDefinition } from './naive';
import { randomWalkWithDriftDefinition } from './random-walk-with-drift';
import { seasonalNaiveDefinition } from './seasonal-naive';

// The sample the project ships: AirPassengers, the same file as ../shared/data/air_passengers/full.csv.
const bundledAirPassengers = resolve(__dirname, '../../../..', 'apps/cli/assets/air_passengers.csv');
const MONTH = { unit: 'month', step: 1 } as const;

function monthly(series: Record<string, number[]>): SeriesFrame {
  return {
    frequency: MONTH,
    seasonLength: 4,
    exogenousColumns: [],
    series: Object.entries(series).map(([id, y]) => ({
      id,
      y: Float64Array.from(y),
      ds: Float64Array.from(y, (_, i) => Date.UTC(2020, i, 1)),
      exogenous: {},
    })),
  };
}

const ctx = { logger: silentLogger };

describe('baselines (hand-computed)', () => {
  const frame = monthly({ a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], b: [10, 8, 6, 4, 2, 0] });

  it('Naive repeats the last value and dates the forecast after the last point', async () => {
    const model = naiveDefinition.create(3, 4);
    await model.fit(frame, ctx);
    const fc = await model.predict(frame);
    expect(fc.seriesIds).toEqual(['a', 'b']);
    expect(fc.mean.map((m) => Array.from(m))).toEqual([
      [10, 10, 10],
      [0, 0, 0],
    ]);
    expect(Array.from(fc.ds[1]!)).toEqual([Date.UTC(2020, 6, 1), Date.UTC(2020, 7, 1), Date.UTC(2020, 8, 1)]);
  });

  it('SeasonalNaive tiles the last season: ŷ_{T+k} = y_{T+k−m·ceil(k/m)}', async () => {
    const fc = await seasonalNaiveDefinition.create(6, 4).predict(frame);
    // a: last season 7, 8, 9, 10; b: last season 6, 4, 2, 0
    expect(fc.mean.map((m) => Array.from(m))).toEqual([
      [7, 8, 9, 10, 7, 8],
      [6, 4, 2, 0, 6, 4],
    ]);
    const m3 = await seasonalNaiveDefinition.create(4, 4, { seasonLength: 3 }).predict(frame);
    expect(Array.from(m3.mean[0]!)).toEqual([8, 9, 10, 8]);
  });

  it('HistoricAverage repeats the mean', async () => {
    const fc = await historicAverageDefinition.create(2, 4).predict(frame);
    expect(fc.mean.map((m) => Array.from(m))).toEqual([
      [5.5, 5.5],
      [5, 5],
    ]);
  });

  it('RandomWalkWithDrift extends the line from the first to the last point', async () => {
    const fc = await randomWalkWithDriftDefinition.create(3, 4).predict(monthly({ a: [1, 5, 2, 7] }));
    // drift = (7 − 1)/3 = 2
    expect(Array.from(fc.mean[0]!)).toEqual([9, 11, 13]);
  });

  it('declares its minimum history and rejects shorter series by name', async () => {
    expect(seasonalNaiveDefinition.capabilities.minHistory(12, seasonalNaiveDefinition.defaults(12, 24))).toBe(24);
    expect(randomWalkWithDriftDefinition.capabilities.minHistory(1, {})).toBe(2);
    const short = monthly({ ok: [1, 2, 3, 4], short: [1, 2] });
    await expect(seasonalNaiveDefinition.create(2, 4).fit(short, ctx)).rejects.toThrow(DataError);
    await expect(seasonalNaiveDefinition.create(2, 4).predict(short)).rejects.toThrow(
      /SeasonalNaive needs at least 4 points per series; 1 series is shorter: 'short' \(2 points\)/,
    );
  });

  it('validates h and hyperparameters', () => {
    expect(() => naiveDefinition.create(0, 4)).toThrow(/'h' must be an integer >= 1, got 0/);
    expect(() => seasonalNaiveDefinition.create(2, 4, { seasonLength: 0 })).toThrow(/'seasonLength' must be an integer >= 1, got 0/);
    expect(() => naiveDefinition.create(2, 4, { window: 3 } as never)).toThrow(UsageError);
    expect(() => seasonalNaiveDefinition.create(2, 4, { season: 3 } as never)).toThrow(
      /unknown hyperparameter 'season' for SeasonalNaive; valid: seasonLength/,
    );
  });
});

describe('SeasonalNaive on AirPassengers', () => {
  it('forecasts 1960 from 1949–1959 with MAE 47.83', async () => {
    const { frame: full } = await readCsv(bundledAirPassengers);
    const { train, test } = holdOut(full, 12);
    const model = seasonalNaiveDefinition.create(12, train.seasonLength);
    await model.fit(train, ctx);
    const forecast = await model.predict(train);
    expect(Array.from(forecast.ds[0]!)).toEqual(Array.from(test.series[0]!.ds));
    const { panel } = evaluateForecasts(test, forecast, { train });
    expect(panel.mae.toFixed(2)).toBe('47.83');
  });
});
