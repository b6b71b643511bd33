import { UsageError } from '@tsforecast/config';
import type { SeriesFrame } from '../frame/series-frame';
import { evaluateForecasts } from './evaluate-forecasts';

const f = (...values: number[]): Float64Array => Float64Array.from(values);

const frame = (series: Record<string, number[]>): SeriesFrame => ({
  frequency: { unit: 'day', step: 1 },
  seasonLength: 1,
  exogenousColumns: [],
  series: Object.entries(series).map(([id, y]) => ({ id, y: f(...y), ds: f(...y.map((_, i) => i)), exogenous: {} })),
});

describe('evaluateForecasts', () => {
  it('averages per-series metrics over series, skipping NaN', () => {
    const train = frame({ a: [1, 2, 3], b: [0, 0, 4] });
    const test = frame({ a: [4, 6], b: [0, 0] });
    const forecasts = { seriesIds: ['b', 'a'], mean: [f(1, 1), f(4, 4)] };
    const { perSeries, panel } = evaluateForecasts(test, forecasts, { train });
    // a: |e| = 0, 2 → MAE 1, MSE 2, RMSE √2, MAPE 100·(0 + 2/6)/2, scale 1 → MASE 1
    // b: |e| = 1, 1 → MAE 1, MSE 1, RMSE 1, MAPE NaN, sMAPE 200, scale (0 + 4)/2 = 2 → MASE 0.5
    expect(perSeries.map((s) => s.id)).toEqual(['a', 'b']);
    expect(perSeries[0]!.values.mape).toBeCloseTo(100 / 6, 12);
    expect(perSeries[1]!.values.mape).toBeNaN();
    expect(panel.mae).toBeCloseTo(1, 12);
    expect(panel.mse).toBeCloseTo(1.5, 12);
    expect(panel.rmse).toBeCloseTo((Math.SQRT2 + 1) / 2, 12);
    expect(panel.mape).toBeCloseTo(100 / 6, 12);
    expect(panel.smape).toBeCloseTo(((0 + (200 * 2) / 10) / 2 + 200) / 2, 12);
    expect(panel.mase).toBeCloseTo((1 + 0.5) / 2, 12);
  });

  it('needs the training frame for MASE and a forecast for every series', () => {
    const test = frame({ a: [1] });
    expect(() => evaluateForecasts(test, { seriesIds: ['a'], mean: [f(1)] }, { metrics: ['mase'] })).toThrow(UsageError);
    expect(evaluateForecasts(test, { seriesIds: ['a'], mean: [f(1)] }).panel).not.toHaveProperty('mase');
    expect(() => evaluateForecasts(test, { seriesIds: ['z'], mean: [f(1)] })).toThrow(/no forecast for series 'a'/);
  });
});

describe('evaluateForecasts: non-finite metrics are reported, never silent', () => {
  it('reports nothing when every metric is finite', () => {
    const { nonFinite } = evaluateForecasts(
      frame({ a: [1, 2] }),
      { seriesIds: ['a'], mean: [f(1, 3)] },
      { train: frame({ a: [1, 2, 4] }) },
    );
    expect(nonFinite).toEqual([]);
  });

  it('names the series, the metric, the value and why: a forecast that is not finite', () => {
    const test = frame({ a: [1, 2, 3], b: [1, 2, 3] });
    const forecasts = { seriesIds: ['a', 'b'], mean: [f(1, Number.NaN, 3), f(1, 2, 3)] };
    const { nonFinite, panel } = evaluateForecasts(test, forecasts, { metrics: ['mae'] });
    expect(nonFinite).toEqual([
      { metric: 'mae', seriesId: 'a', value: Number.NaN, text: "mae of series 'a' is NaN: the forecast is NaN at step 2" },
    ]);
    // the NaN series is skipped in the panel mean (documented), and it is reported above
    expect(panel.mae).toBe(0);
  });

  it('explains a zero MASE scale, an all-zero MAPE and float overflow; an infinite panel value is reported too', () => {
    const train = frame({ flat: [5, 5, 5], ok: [1, 2, 3], big: [1, 2, 3] });
    const test = frame({ flat: [5, 6], ok: [0, 0], big: [1e300, -1e300] });
    const forecasts = { seriesIds: ['flat', 'ok', 'big'], mean: [f(5, 5), f(1, 1), f(-1e300, 1e300)] };
    const { nonFinite } = evaluateForecasts(test, forecasts, { train, metrics: ['mse', 'mape', 'mase'] });
    const texts = nonFinite.map((n) => n.text);
    expect(texts).toContain("mase of series 'flat' is Infinity: the MASE scale is 0 (the training part repeats itself exactly)");
    expect(texts).toContain("mape of series 'ok' is NaN: every actual value is 0");
    expect(texts).toContain("mse of series 'big' is Infinity: float overflow (values up to 1e+300)");
    expect(texts).toContain("panel mse is Infinity: series 'big' is Infinity");
    expect(texts).toContain("panel mase is Infinity: series 'flat' is Infinity");
    expect(nonFinite.find((n) => n.text.startsWith('panel mse'))).toMatchObject({
      metric: 'mse',
      seriesId: null,
      value: Number.POSITIVE_INFINITY,
    });
  });

  it('explains a MASE scale that needs more training points', () => {
    const { nonFinite } = evaluateForecasts(
      frame({ a: [1] }),
      { seriesIds: ['a'], mean: [f(2)] },
      { train: frame({ a: [1] }), metrics: ['mase'] },
    );
    expect(nonFinite.map((n) => n.text)).toEqual([
      "mase of series 'a' is NaN: the MASE scale needs at least 2 training points, got 1",
      'panel mase is NaN: every series is NaN',
    ]);
  });
});
