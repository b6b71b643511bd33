import type * as ort from 'onnxruntime-node';
import { futureTimestamps, type Frequency, type SeriesFrame } from '@tsforecast/data';
import type { ExportedModel } from '@tsforecast/model';
import { forecastFromOutputs } from './forecast-from-outputs';

const monthly: Frequency = { unit: 'month', step: 1 };
const month = (m: number) => Date.UTC(2020, m, 1);
const h = 3;
const model = (quantiles?: number[]): ExportedModel => ({
  onnx: new Uint8Array(),
  inputSize: 4,
  h,
  opset: 17,
  quantiles,
  scaler: 'identity',
});
const frame = (lastMonths: number[]): SeriesFrame => ({
  series: lastMonths.map((last, i) => ({
    id: `s${i}`,
    ds: Float64Array.of(month(last - 1), month(last)),
    y: Float64Array.of(1, 2),
    exogenous: {},
  })),
  frequency: monthly,
  seasonLength: 12,
  exogenousColumns: [],
});
const outputs = (values: Record<string, number[]>) =>
  Object.fromEntries(
    Object.entries(values).map(([name, data]) => [name, { data: Float32Array.from(data) }]),
  ) as unknown as ort.InferenceSession.ReturnType;

// The rows are views of one array per output; each series must still get exactly its own values and timestamps.
describe('forecastFromOutputs', () => {
  it('gives each series its row of y_hat and its own future timestamps, shared or not', () => {
    // s0 and s1 end together, s2 a month later, s3 with s0 again.
    const lasts = [5, 5, 6, 5];
    const yHat = Array.from({ length: lasts.length * h }, (_, j) => j + 0.5);
    const forecast = forecastFromOutputs(frame(lasts), model(), outputs({ y_hat: yHat }), 'test model');
    expect(forecast.seriesIds).toEqual(['s0', 's1', 's2', 's3']);
    lasts.forEach((last, i) => {
      expect(Array.from(forecast.mean[i]!)).toEqual(yHat.slice(i * h, (i + 1) * h));
      expect(Array.from(forecast.ds[i]!)).toEqual(Array.from(futureTimestamps(month(last), monthly, h)));
    });
    expect(forecast.quantiles).toBeUndefined();
  });

  it('gives each series its rows of every quantile level ([B, h, Q] in the output)', () => {
    const levels = [0.1, 0.5, 0.9];
    const b = 2;
    const q = Array.from({ length: b * h * levels.length }, (_, j) => j);
    const forecast = forecastFromOutputs(
      frame([5, 7]),
      model(levels),
      outputs({ y_hat: new Array(b * h).fill(0), quantiles: q }),
      'test model',
    );
    expect(forecast.quantiles!.levels).toEqual(levels);
    levels.forEach((_, k) => {
      for (let i = 0; i < b; i++) {
        expect(Array.from(forecast.quantiles!.values[k]![i]!)).toEqual(
          Array.from({ length: h }, (_, t) => (i * h + t) * levels.length + k),
        );
      }
    });
  });

  it('refuses an output of the wrong size, naming it', () => {
    expect(() => forecastFromOutputs(frame([5, 5]), model(), outputs({ y_hat: [1, 2, 3] }), 'model X@1')).toThrow(
      "model X@1: output 'y_hat' should hold [2, 3] = 6 float32 values, got 3 values",
    );
  });
});
