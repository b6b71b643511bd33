import 'reflect-metadata';
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { DataError, NotFoundError, Settings } from '@tsforecast/config';
import { PredictionLogStore, TrackingStore } from '@tsforecast/db';
import { SessionFactory } from '@tsforecast/graph';
import { ModelStore } from '@tsforecast/artifact';
import { ModelRegistry } from '@tsforecast/model';
import type { ServiceStack } from '../testing/service-stack';
import { useServiceStack } from '../testing/service-suite';
import { saveFittedModel } from './testing/save-fitted-model';
import { ForecastService } from '../forecasting/forecast-service';
import { ModelVersionRegistry } from '../registry/model-version-registry';
import { partCount, SESSION_WORKERS } from './onnx-served-model';
import { servingModule } from './serving-module';
import { ServingService } from './serving-service';
import type { SeriesInput } from './series-input';
import { hourlyFrame as frameOf, hourlySeries as hourly, hourlyTimestamp } from './testing/hourly-series';

// The serving path on a real trained NHITS (h 24, input 48, mqloss → lo/hi-80)
// and real ORT sessions: what it serves must be what `cli predict`'s
// ForecastService computes for the same history, merged runs must give the
// numbers lone runs give, and bad input must be refused naming the series,
// the field and the index.

jest.setTimeout(300_000);

const h = 24;

/** A suite's service stack with the serving module bound, and its (one per container) ServingService, released after the suite. */
function useServingStack(prefix: string): { stack: ServiceStack; serving: () => ServingService } {
  const stack = useServiceStack(prefix);
  const serving = () => stack.container.get(ServingService);
  beforeAll(() => stack.container.loadSync(servingModule));
  afterAll(() => serving().close());
  return { stack, serving };
}

describe('ServingService (a trained NHITS served from its saved ONNX file)', () => {
  const { stack, serving } = useServingStack('tsf-serving-');
  let nhits: string;
  let mlpWithoutOnnx: string;
  let mlpClaimingBaseline: string;

  beforeAll(async () => {
    const training = frameOf(['a', 'b', 'c'].map((id, i) => hourly(id, 240, 5 * i)));
    const overrides = { maxSteps: 5, inputSize: 48, loss: 'mqloss', level: [80], mlpUnits: [[16, 16]], seed: 1 };
    nhits = await saveFittedModel(stack.container, { model: 'NHITS', h, frame: training, hyperparameters: overrides });
    const mlp = { maxSteps: 1, inputSize: 48, numLayers: 1, hiddenSize: 8, seed: 1 };
    mlpWithoutOnnx = await saveFittedModel(stack.container, { model: 'MLP', h, frame: training, hyperparameters: mlp });
    mlpClaimingBaseline = await saveFittedModel(stack.container, {
      model: 'MLP',
      h,
      frame: training,
      hyperparameters: mlp,
      savedKind: 'baseline',
    });
    const { artifactPath } = await stack.container.get<TrackingStore>(TrackingStore).findModel(mlpWithoutOnnx);
    await rm(join(artifactPath, 'model.onnx'));
  });

  it('serves what ForecastService.predict computes for the same history, with lo-80/hi-80 from the quantiles', async () => {
    const series = [hourly('x', 100, 3), hourly('y', 60, 11)];
    const served = await serving().forecast({ model: nhits, series });
    const reference = await stack.container.get(ForecastService).predict({ model: nhits, data: frameOf(series) });
    expect(served.model).toBe(nhits);
    expect(served.forecasts.map((f) => f.unique_id)).toEqual(['x', 'y']);
    served.forecasts.forEach((f, i) => {
      expect(f.y_hat).toEqual(Array.from(reference.forecast.mean[i]!));
      expect(f['lo-80']).toEqual(Array.from(reference.forecast.quantiles!.values[0]![i]!));
      expect(f['hi-80']).toEqual(Array.from(reference.forecast.quantiles!.values[2]![i]!));
      expect(f.ds).toHaveLength(h);
    });
    // ds continue each series hourly, formatted as `cli predict` writes them.
    expect(served.forecasts[0]!.ds[0]).toBe(hourlyTimestamp(100));
    expect(served.forecasts[1]!.ds[23]).toBe(hourlyTimestamp(83));
    expect(Object.keys(served.forecasts[0]!).sort()).toEqual(['ds', 'hi-80', 'lo-80', 'unique_id', 'y_hat']);
  });

  it('merges concurrent requests into fewer session runs, with the numbers of lone runs', async () => {
    const requests = Array.from({ length: 16 }, (_, i) => [hourly(`s${i}`, 48 + i, i)]);
    const alone = [];
    for (const series of requests) alone.push(await serving().forecast({ model: nhits, series }));
    const runs: number[] = [];
    serving().onBatch((n) => runs.push(n));
    const together = await Promise.all(requests.map((series) => serving().forecast({ model: nhits, series })));
    expect(together).toEqual(alone);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(16);
    expect(runs.length).toBeLessThan(16);
    expect(Math.max(...runs)).toBeGreaterThan(1);
  });

  it('left-pads and masks a history shorter than the input window, as ForecastService does', async () => {
    const short = [hourly('short', 10, 0)];
    const served = await serving().forecast({ model: nhits, series: short });
    const reference = await stack.container.get(ForecastService).predict({ model: nhits, data: frameOf(short) });
    expect(served.forecasts[0]!.y_hat).toEqual(Array.from(reference.forecast.mean[0]!));
  });

  it('opens one session per version and reuses it (cache hits, no new misses)', async () => {
    const before = serving().stats().sessions;
    await serving().forecast({ model: nhits, series: [hourly('a', 48, 0)] });
    const after = serving().stats().sessions;
    expect(after.misses).toBe(before.misses);
    expect(after.hits).toBe(before.hits + 1);
    expect(after.entries).toBe(1);
    expect(after.bytes).toBeGreaterThan(0);
  });

  it('resolves NAME@production after a promotion', async () => {
    await expect(serving().forecast({ model: 'NHITS@production', series: [hourly('a', 48, 0)] })).rejects.toThrow(NotFoundError);
    await stack.container.get(ModelVersionRegistry).promote(nhits, 'production', 'test');
    const fresh = new ServingService(
      stack.container.get<TrackingStore>(TrackingStore),
      stack.container.get<ModelStore>(ModelStore),
      stack.container.get<SessionFactory>(SessionFactory),
      stack.container.get<Settings>(Settings),
      stack.logger,
      stack.container.get<PredictionLogStore>(PredictionLogStore),
      stack.container.get(ModelRegistry),
    );
    expect((await fresh.forecast({ model: 'NHITS@production', series: [hourly('a', 48, 0)] })).model).toBe(nhits);
    await fresh.close();
  });

  it('limits the output to the requested levels, and refuses a level the model does not have', async () => {
    const served = await serving().forecast({ model: nhits, series: [hourly('a', 48, 0)], level: [80] });
    expect(Object.keys(served.forecasts[0]!)).toContain('lo-80');
    await expect(serving().forecast({ model: nhits, series: [hourly('a', 48, 0)], level: [95] })).rejects.toThrow(
      /'level\[0\]' must be a prediction-interval level of NHITS@\d+, got 95; it has 80/,
    );
  });

  it('refuses bad series with a DataError naming the series, the field and the index', async () => {
    const good = hourly('g', 48, 0);
    const cases: [SeriesInput[], RegExp][] = [
      [
        [good, { ...hourly('bad', 48, 0), y: [...good.y.slice(0, 5), Number.NaN, ...good.y.slice(6)] }],
        /series\[1\] \('bad'\): 'y\[5\]' must be a finite number, got NaN/,
      ],
      [
        [{ ...good, ds: [...good.ds.slice(0, 3), 'tomorrow', ...good.ds.slice(4)] }],
        /series\[0\] \('g'\): 'ds\[3\]' must be a timestamp .*got 'tomorrow'/,
      ],
      [[{ ...good, ds: good.ds.slice(1) }], /series\[0\] \('g'\): 'ds' has 47 values and 'y' 48; they must be the same length/],
      [[{ unique_id: 'e', ds: [], y: [] }], /series\[0\] \('e'\): 'ds' and 'y' are empty/],
      [[good, good], /series\[1\] \('g'\): 'unique_id' 'g' is also series\[0\]'s/],
      [
        [{ ...good, ds: [good.ds[1]!, good.ds[0]!, ...good.ds.slice(2)] }],
        /'ds\[1\]' must be .*ds must be increasing\), got '2024-01-01T00:00:00'/,
      ],
      [
        [{ ...good, ds: [...good.ds.slice(0, 10), hourlyTimestamp(11), ...good.ds.slice(11)] }],
        /'ds\[10\]' must be 2024-01-01T10:00:00 .*regular at the model's frequency/,
      ],
      [[], /'series' must hold at least one series/],
    ];
    for (const [series, message] of cases) {
      await expect(serving().forecast({ model: nhits, series })).rejects.toThrow(message);
    }
  });

  it('splits a large request into parts on session workers, with the answer of one inline run, and stops them on close', async () => {
    // 700 series of uneven lengths: one part per session worker (2 of 350 on a 2-core machine), each run on a worker.
    const series = Array.from({ length: 700 }, (_, i) => hourly(`p${i}`, 30 + (i % 40), i % 24));
    const parts = partCount(series.length, SESSION_WORKERS);
    const size = Math.ceil(series.length / parts);
    const expectedRuns = Array.from({ length: parts }, (_, k) => Math.min(size, series.length - k * size));
    const runs: number[] = [];
    serving().onBatch((n) => runs.push(n));
    const terminate = jest.spyOn(Worker.prototype, 'terminate');
    try {
      const served = await serving().forecast({ model: nhits, series });
      expect(runs).toEqual(expectedRuns);
      // The inline reference: `cli predict`'s one session.run of all 700 series on the JavaScript thread.
      const reference = await stack.container.get(ForecastService).predict({ model: nhits, data: frameOf(series) });
      expect(served.forecasts.map((f) => f.unique_id)).toEqual(series.map((s) => s.unique_id));
      served.forecasts.forEach((f, i) => {
        expect(f.y_hat).toEqual(Array.from(reference.forecast.mean[i]!));
        expect(f['lo-80']).toEqual(Array.from(reference.forecast.quantiles!.values[0]![i]!));
        expect(f.ds[0]).toBe(hourlyTimestamp(series[i]!.ds.length));
      });
      // A bad series in the last part fails the request as before, named by its index in the request.
      const repeated = [...series.slice(0, 699), { ...series[3]! }];
      await expect(serving().forecast({ model: nhits, series: repeated })).rejects.toThrow(
        /^series\[699\] \('p3'\): 'unique_id' 'p3' is also series\[3\]'s/,
      );
      expect(terminate).not.toHaveBeenCalled();
      // Closing releases the session and its workers (the next request opens the version again).
      await serving().close();
      expect(terminate.mock.calls.length).toBeGreaterThan(0);
    } finally {
      terminate.mockRestore();
    }
  });

  it('answers NotFoundError for an unknown model and a DataError for a neural model without ONNX file', async () => {
    await expect(serving().forecast({ model: 'NoSuchModel@1', series: [hourly('a', 48, 0)] })).rejects.toThrow(NotFoundError);
    // The model store refuses a neural version whose ONNX file is gone, as it does for `cli predict`.
    const missing = serving().forecast({ model: mlpWithoutOnnx, series: [hourly('a', 48, 0)] });
    await expect(missing).rejects.toThrow(DataError);
    await expect(missing).rejects.toThrow(/^model MLP@\d+: cannot read .+\/model\.onnx \(ENOENT\)$/);
    // Metadata that claims a baseline does not get a neural model refitted on the request either.
    const claimed = serving().forecast({ model: mlpClaimingBaseline, series: [hourly('a', 48, 0)] });
    await expect(claimed).rejects.toThrow(DataError);
    await expect(claimed).rejects.toThrow(/^model MLP@\d+ is neural but has no ONNX file loaded from .+; it cannot forecast$/);
  });
});

// Baselines and statistical models store no weights: served by fitting them on
// each request's series, as `cli predict` does (ForecastService).
describe('ServingService (baseline and statistical versions, fitted on the request)', () => {
  const { stack, serving } = useServingStack('tsf-serving-fit-');
  let seasonalNaive: string;
  let autoEts: string;

  beforeAll(async () => {
    const training = frameOf(['a', 'b'].map((id, i) => hourly(id, 96, 5 * i)));
    seasonalNaive = await saveFittedModel(stack.container, { model: 'SeasonalNaive', h, frame: training });
    autoEts = await saveFittedModel(stack.container, { model: 'AutoETS', h, frame: training });
  });

  it('SeasonalNaive repeats the last season of each request series (not of the training data)', async () => {
    const series = [hourly('x', 50, 3), hourly('y', 31, 11)];
    const served = await serving().forecast({ model: seasonalNaive, series });
    expect(served.model).toBe(seasonalNaive);
    const m = 24;
    served.forecasts.forEach((f, i) => {
      const y = series[i]!.y;
      // ŷ[k] = y[T − m + (k mod m)]: the last season tiled over the horizon.
      expect(f.y_hat).toEqual(Array.from({ length: h }, (_, k) => y[y.length - m + (k % m)]));
    });
    expect(served.forecasts[0]!.ds[0]).toBe(hourlyTimestamp(50));
    expect(Object.keys(served.forecasts[0]!)).toEqual(['unique_id', 'ds', 'y_hat']);
  });

  it('AutoETS forecasts finite values with its intervals (level 80 and 95), as ForecastService.predict does', async () => {
    const series = [hourly('x', 72, 2)];
    const served = await serving().forecast({ model: autoEts, series });
    const [f] = served.forecasts;
    expect(Object.keys(f!)).toEqual(['unique_id', 'ds', 'y_hat', 'lo-80', 'hi-80', 'lo-95', 'hi-95']);
    expect(f!.y_hat).toHaveLength(h);
    expect(f!.y_hat.every(Number.isFinite)).toBe(true);
    f!.y_hat.forEach((v, k) => {
      expect(f!['lo-95']![k]).toBeLessThanOrEqual(f!['lo-80']![k]!);
      expect(f!['lo-80']![k]).toBeLessThanOrEqual(v);
      expect(f!['hi-80']![k]).toBeGreaterThanOrEqual(v);
      expect(f!['hi-95']![k]).toBeGreaterThanOrEqual(f!['hi-80']![k]!);
    });
    const reference = await stack.container.get(ForecastService).predict({ model: autoEts, data: frameOf(series) });
    expect(f!.y_hat).toEqual(Array.from(reference.forecast.mean[0]!));
    const only80 = await serving().forecast({ model: autoEts, series, level: [80] });
    expect(Object.keys(only80.forecasts[0]!)).toEqual(['unique_id', 'ds', 'y_hat', 'lo-80', 'hi-80']);
  });

  it('refuses a level the fitted model does not give, and a series shorter than the model needs, naming the series', async () => {
    await expect(serving().forecast({ model: autoEts, series: [hourly('a', 48, 0)], level: [50] })).rejects.toThrow(
      /'level\[0\]' must be a prediction-interval level of AutoETS@\d+, got 50; it has 80, 95/,
    );
    await expect(serving().forecast({ model: seasonalNaive, series: [hourly('a', 48, 0)], level: [80] })).rejects.toThrow(
      /'level\[0\]' must be a prediction-interval level of SeasonalNaive@\d+, got 80; it has no quantiles/,
    );
    const short = serving().forecast({ model: seasonalNaive, series: [hourly('ok', 48, 0), hourly('short', 10, 0)] });
    await expect(short).rejects.toThrow(DataError);
    await expect(short).rejects.toThrow(/^series\[1\] \('short'\): 'y' has 10 points; SeasonalNaive@\d+ needs at least 24 per series$/);
  });

  it('holds a fitted version in the cache for its metadata bytes only', async () => {
    await serving().forecast({ model: seasonalNaive, series: [hourly('a', 48, 0)] });
    const { entries, bytes } = serving().stats().sessions;
    expect(entries).toBe(2);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(10_000);
  });
});
