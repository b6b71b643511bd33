import { silentLogger, type Logger } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import { windowAverageDefinition } from '../simple/window-average';
import { LocalStatisticalModel } from './local-statistical-model';
import type { SeriesFit } from './series-fit';
import { frameOf } from '../../testing/frame-of';

/** n monthly series from 2000-01 of `length` points, each a shifted sinusoid. */
function panel(n: number, length: number): SeriesFrame {
  const series = Array.from({ length: n }, (_, i) => [`s${i}`, Array.from({ length }, (_, t) => 10 + Math.sin(t * 0.7 + i) + (i % 5))]);
  return frameOf(Object.fromEntries(series), { seasonLength: 12 });
}

/** A fit whose 80 % interval is mean ± 1 and 95 % interval mean ± 2, counting how often it fits. */
function countingFitter() {
  const calls = { n: 0 };
  const fitter = (y: Float64Array): SeriesFit => {
    calls.n++;
    const last = y[y.length - 1]!;
    const fill = (v: number) => (h: number) => new Float64Array(h).fill(v);
    return {
      label: 'last',
      forecast: (h, levels) => ({
        mean: fill(last)(h),
        lo: levels.map((l) => fill(last - l / 80)(h)),
        hi: levels.map((l) => fill(last + l / 80)(h)),
      }),
    };
  };
  return { calls, fitter };
}

describe('LocalStatisticalModel', () => {
  it('turns interval bounds into sorted quantiles with the point forecast as the median', async () => {
    const { fitter } = countingFitter();
    const model = new LocalStatisticalModel('Last', 2, { seasonLength: 1, level: [80, 95] }, fitter);
    const frame = panel(1, 5);
    const fc = await model.predict(frame);
    const last = frame.series[0]!.y[4]!;
    expect(fc.quantiles!.levels).toEqual([0.025, 0.1, 0.5, 0.9, 0.975]);
    expect(fc.quantiles!.values.map((q) => q[0]![0])).toEqual([last - 95 / 80, last - 1, last, last + 1, last + 95 / 80]);
  });

  it('reuses the fit of a series whose history is unchanged and refits a changed one', async () => {
    const { calls, fitter } = countingFitter();
    const model = new LocalStatisticalModel('Last', 3, { seasonLength: 1, level: [] }, fitter);
    const frame = panel(3, 8);
    await model.fit(frame, { logger: silentLogger, threads: 1 });
    expect(calls.n).toBe(3);
    await model.predict(frame);
    expect(calls.n).toBe(3);
    const extended = panel(3, 9);
    const fc = await model.predict(extended);
    expect(calls.n).toBe(6);
    expect(fc.mean[1]![0]).toBe(extended.series[1]!.y[8]);
    expect(fc.quantiles).toBeUndefined();
  });

  it('fits in worker threads with the same forecasts as in this thread', async () => {
    const frame = panel(96, 30);
    const debug = jest.fn();
    const logger = { ...silentLogger, debug } as unknown as Logger;
    const serial = windowAverageDefinition.create(4, 12, { windowSize: 5 });
    await serial.fit(frame, { logger, threads: 1 });
    const parallel = windowAverageDefinition.create(4, 12, { windowSize: 5 });
    const progress: number[] = [];
    await parallel.fit(frame, { logger, threads: 2, onProgress: (fraction) => progress.push(fraction) });
    expect(debug.mock.calls.map((c) => c[0])).not.toContain('fitting workers could not start; fitting in this thread');
    expect(progress[progress.length - 1]).toBe(1);
    expect((await parallel.predict(frame)).mean).toEqual((await serial.predict(frame)).mean);
  }, 90_000);
});
