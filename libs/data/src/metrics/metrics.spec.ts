import { mase, seasonalNaiveScale } from './mase';
import { mae, mape, mse, rmse, smape } from './point-metrics';

const f = (...values: number[]): Float64Array => Float64Array.from(values);

describe('point metrics (hand-computed)', () => {
  const y = f(0, 2, 4, -2);
  const yHat = f(1, 1, 6, -2);
  // errors: -1, 1, -2, 0; |e| = 1, 1, 2, 0
  it('MAE, MSE, RMSE', () => {
    expect(mae(y, yHat)).toBeCloseTo(4 / 4, 12);
    expect(mse(y, yHat)).toBeCloseTo(6 / 4, 12);
    expect(rmse(y, yHat)).toBeCloseTo(Math.sqrt(1.5), 12);
  });

  it('MAPE in percent, excluding points where y = 0', () => {
    // 100 · mean(1/2, 2/4, 0/2) over the 3 non-zero points
    expect(mape(y, yHat)).toBeCloseTo((100 * (0.5 + 0.5 + 0)) / 3, 12);
    expect(mape(f(0, 0), f(1, 2))).toBeNaN();
  });

  it('sMAPE on the 0-200 scale, 0/0 counted as 0', () => {
    // 200·|e|/(|y|+|ŷ|): 200·1/1, 200·1/3, 200·2/10, 200·0/4
    expect(smape(y, yHat)).toBeCloseTo((200 + 200 / 3 + 40 + 0) / 4, 12);
    expect(smape(f(0, 0), f(0, 0))).toBe(0);
    expect(smape(f(0), f(5))).toBe(200);
  });

  it('MASE scaled by the in-sample seasonal-naive MAE', () => {
    const train = f(1, 2, 3, 5, 4, 6);
    // m = 2: |3-1|, |5-2|, |4-3|, |6-5| → mean 7/4
    expect(seasonalNaiveScale(train, 2)).toBeCloseTo(7 / 4, 12);
    expect(mase(f(7, 8), f(6, 10), train, 2)).toBeCloseTo(1.5 / (7 / 4), 12);
    // shorter than m + 1: falls back to m = 1 → |2-1|, |3-2| → 1
    expect(seasonalNaiveScale(f(1, 2, 3), 12)).toBe(1);
    expect(seasonalNaiveScale(f(5), 1)).toBeNaN();
    // constant training series: scale 0
    expect(mase(f(2), f(3), f(1, 1, 1), 1)).toBe(Number.POSITIVE_INFINITY);
    expect(mase(f(1), f(1), f(1, 1, 1), 1)).toBeNaN();
  });

  it('rejects forecasts of the wrong length', () => {
    expect(() => mae(f(1, 2), f(1))).toThrow(/'yHat' must have the length of 'y' \(2\), got 1/);
  });
});
