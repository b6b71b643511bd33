import { UsageError } from '@tsforecast/config';
import { METRICS, METRIC_NAMES, requireMetricName, type MetricName } from './metric-table';

// One case per metric, typed over the table: a metric added without its case
// here fails typecheck, and the key check below fails the test.
const y = Float64Array.of(2, 4, 0, 8);
const yHat = Float64Array.of(3, 2, 1, 8);
const yTrain = Float64Array.of(1, 3, 2, 6, 5);
const expected: { [K in MetricName]: number } = {
  mae: (1 + 2 + 1 + 0) / 4,
  mse: (1 + 4 + 1 + 0) / 4,
  rmse: Math.sqrt(6 / 4),
  // y = 0 is skipped: 100·(1/2 + 2/4 + 0)/3
  mape: (100 * (0.5 + 0.5 + 0)) / 3,
  // 200·|e|/(|y|+|ŷ|): 200/5, 400/6, 200/1, 0
  smape: (200 / 5 + 400 / 6 + 200 + 0) / 4,
  // MAE 1 over the lag-2 naive scale of yTrain: mean(|2−1|, |6−3|, |5−2|) = 7/3
  mase: 1 / (7 / 3),
};

describe('METRICS', () => {
  it('has exactly one case here per metric, in table order', () => {
    expect(Object.keys(expected)).toEqual([...METRIC_NAMES]);
  });

  it.each(METRIC_NAMES.map((name) => [name]))('%s scores the reference case', (name) => {
    expect(METRICS[name].score(y, yHat, { yTrain, seasonLength: 2 })).toBeCloseTo(expected[name], 12);
  });

  it('marks the metrics that need the training part', () => {
    expect(METRIC_NAMES.filter((name) => METRICS[name].needsTrain)).toEqual(['mase']);
    expect(() => METRICS.mase.score(y, yHat, { seasonLength: 2 })).toThrow(/metric 'mase' needs the training frame/);
  });

  it('validates a metric name, naming the field and every valid metric', () => {
    expect(requireMetricName('smape', "'rankBy'")).toBe('smape');
    expect(() => requireMetricName('foo', "'rankBy' (--rank-by)")).toThrow(UsageError);
    expect(() => requireMetricName('foo', "'rankBy' (--rank-by)")).toThrow(
      /^'rankBy' \(--rank-by\) must be a metric, one of mae, mse, rmse, mape, smape, mase; got 'foo'$/,
    );
    expect(() => requireMetricName('toString', "'rankBy'")).toThrow(UsageError);
  });
});
