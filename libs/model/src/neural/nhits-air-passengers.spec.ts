import path from 'node:path';
import { MemoryLogger } from '@tsforecast/config/testing';
import { holdOut, mae, readCsv } from '@tsforecast/data';
import { NHITS, nhitsDefaults } from './nhits';

// 1000 steps of the default NHITS on one series; a few seconds on an idle 2-core machine.
jest.setTimeout(300_000);

const data = path.resolve(__dirname, '../../../..', '../shared/data/air_passengers/full.csv');

describe('NHITS on AirPassengers (h = 12, input 24, all defaults)', () => {
  it('forecasts 1960 with MAE <= 17.6 (NeuralForecast 3.0.2: 17.59; SeasonalNaive: 47.83)', async () => {
    const { frame } = await readCsv(data);
    const { train, test } = holdOut(frame, 12);
    const model = new NHITS(12, { ...nhitsDefaults(12), inputSize: 24 });
    await model.fit(train, { logger: new MemoryLogger() });
    const forecast = await model.predict(train);
    const error = mae(test.series[0].y, forecast.mean[0]);
    expect(error).toBeLessThanOrEqual(17.6);
    await model.dispose();
  });
});
