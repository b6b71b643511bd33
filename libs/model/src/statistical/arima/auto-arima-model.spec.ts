import { silentLogger, UsageError } from '@tsforecast/config';
import { autoArimaDefinition } from './auto-arima-model';
import { readReferenceSeries } from './fixtures/reference-series';
import { frameOf } from '../../testing/frame-of';
import { fitAndPredict } from '../../testing/fit-and-predict';

function frame(y: Float64Array) {
  return frameOf({ air: y }, { seasonLength: 12, start: Date.UTC(1949, 0, 1) });
}

describe('AutoARIMA model definition', () => {
  it('fits and forecasts through the registry contract with quantiles from the intervals', async () => {
    const data = frame(readReferenceSeries('air_passengers'));
    const model = autoArimaDefinition.create(12, 12, { level: [95] });
    const fc = await fitAndPredict(model, data);
    // R: forecast(auto.arima(air), h = 12)$mean[1] = 424.110 (ARIMA(1,1,0)(0,1,0)[12]).
    expect(fc.mean[0]![0]).toBeCloseTo(424.11, 2);
    expect(fc.quantiles?.levels).toEqual([0.025, 0.5, 0.975]);
    expect(fc.quantiles!.values[0]![0]![0]).toBeCloseTo(403.572, 2);
  });

  it('has R’s defaults and rejects bad hyperparameters naming field, value and range', () => {
    expect(autoArimaDefinition.defaults(8, 4)).toMatchObject({
      seasonLength: 4,
      maxP: 5,
      maxQ: 5,
      maxSeasonalP: 2,
      maxSeasonalQ: 2,
      maxD: 2,
      maxSeasonalD: 1,
      stepwise: true,
      approximation: null,
    });
    expect(() => autoArimaDefinition.create(8, 4, { maxP: -1 })).toThrow(UsageError);
    expect(() => autoArimaDefinition.create(8, 4, { maxP: -1 })).toThrow(/'maxP' must be an integer in \[0, 10\], got -1/);
    expect(() => autoArimaDefinition.create(8, 4, { maxD: 3 })).toThrow(/'maxD' must be an integer in \[0, 2\], got 3/);
    expect(() => autoArimaDefinition.create(8, 4, { approximation: 'yes' as unknown as boolean })).toThrow(
      /'approximation' must be null, true or false, got yes/,
    );
    expect(() => autoArimaDefinition.create(8, 4, { stepwise: 1 as unknown as boolean })).toThrow(
      /'stepwise' must be true or false, got 1/,
    );
  });

  it('searches exhaustively when stepwise is off', () => {
    const y = readReferenceSeries('m3_yearly_Y160');
    const model = autoArimaDefinition.create(6, 1, { stepwise: false });
    expect(model.hyperparameters.stepwise).toBe(false);
    return model.fit(frame(y), { logger: silentLogger });
  });
});
