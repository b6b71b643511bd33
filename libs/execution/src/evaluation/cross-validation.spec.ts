import type { SeriesFrame } from '@tsforecast/data';
import { seasonalNaiveDefinition, type FitContext, type Forecast, type ForecastModel } from '@tsforecast/model';
import { crossValidation } from './cross-validation';

const HOUR = 3_600_000;
const t0 = Date.UTC(2024, 0, 1);
const m = 4;

function frame(): SeriesFrame {
  const make = (id: string, length: number, offset: number, f: (t: number) => number) => ({
    id,
    ds: Float64Array.from({ length }, (_, t) => t0 + (offset + t) * HOUR),
    y: Float64Array.from({ length }, (_, t) => f(t)),
    exogenous: {},
  });
  return {
    frequency: { unit: 'hour', step: 1 },
    seasonLength: m,
    exogenousColumns: [],
    series: [make('A', 20, 0, (t) => t * t), make('B', 15, 5, (t) => 100 + 3 * t + (t % 4 === 0 ? 10 : 0))],
  };
}

/** The registered SeasonalNaive, recording the training lengths it is fitted on. */
class RecordingSeasonalNaive implements ForecastModel {
  readonly fits: number[][] = [];
  private readonly inner: ForecastModel;
  constructor(readonly h: number) {
    this.inner = seasonalNaiveDefinition.create(h, m);
  }
  get name(): string {
    return this.inner.name;
  }
  get hyperparameters() {
    return this.inner.hyperparameters;
  }
  async fit(train: SeriesFrame, context: FitContext): Promise<void> {
    this.fits.push(train.series.map((s) => s.y.length));
    await this.inner.fit(train, context);
  }
  predict(history: SeriesFrame): Promise<Forecast> {
    return this.inner.predict(history);
  }
}

/** Hand computation: window k (0-based of 3, stepSize 2, h 3) tests [T − (2−k)·2 − 3, T − (2−k)·2). */
function expected(k: number) {
  return frame().series.map((s) => {
    const start = s.y.length - (2 - k) * 2 - 3;
    const forecast = [0, 1, 2].map((j) => s.y[start - m + (j % m)]);
    const actual = [0, 1, 2].map((j) => s.y[start + j]);
    return { cutoff: s.ds[start - 1], start, mae: forecast.reduce((a, f, j) => a + Math.abs(f - actual[j]), 0) / 3, forecast };
  });
}

describe('crossValidation', () => {
  it('cross-validates a ModelDefinition with overrides (SeasonalNaive, m = 4)', async () => {
    const result = await crossValidation({ definition: seasonalNaiveDefinition as never, hyperparameters: { seasonLength: m } }, frame(), {
      h: 3,
      nWindows: 3,
      stepSize: 2,
      refit: false,
    });
    result.windows.forEach((w, k) => expect(w.forecast.mean.map((f) => Array.from(f))).toEqual(expected(k).map((x) => x.forecast)));
  });

  it.each([true, false])('matches hand-computed cutoffs, forecasts and MAE (refit %s)', async (refit) => {
    const models: RecordingSeasonalNaive[] = [];
    const result = await crossValidation(
      () => {
        const model = new RecordingSeasonalNaive(3);
        models.push(model);
        return model;
      },
      frame(),
      { h: 3, nWindows: 3, stepSize: 2, refit },
    );
    expect(result.windows).toHaveLength(3);
    result.windows.forEach((w, k) => {
      const e = expected(k);
      expect(Array.from(w.cutoff)).toEqual(e.map((x) => x.cutoff));
      expect(w.forecast.mean.map((f) => Array.from(f))).toEqual(e.map((x) => x.forecast));
      expect(w.forecast.ds[0][0]).toBe(e[0].cutoff + HOUR);
      expect(w.evaluation.panel.mae).toBeCloseTo((e[0].mae + e[1].mae) / 2, 10);
      expect(w.evaluation.panel.mase).toBeGreaterThan(0);
      expect(w.fitted).toBe(refit || k === 0);
    });
    // A: 20 points, B: 15 → first training parts 13 and 8, then +2 per window.
    const fits = models.flatMap((model) => model.fits);
    expect(fits).toEqual(
      refit
        ? [
            [13, 8],
            [15, 10],
            [17, 12],
          ]
        : [[13, 8]],
    );
    const meanMae = [0, 1, 2].map((k) => (expected(k)[0].mae + expected(k)[1].mae) / 2).reduce((a, b) => a + b) / 3;
    expect(result.overall.mae).toBeCloseTo(meanMae, 10);
    expect(result).toMatchObject({ model: 'SeasonalNaive', h: 3, refit });
  });

  it('rejects a model whose horizon differs', async () => {
    await expect(crossValidation(() => new RecordingSeasonalNaive(2), frame(), { h: 3 })).rejects.toThrow(
      /forecasts h=2, cross-validation needs 'h' = 3/,
    );
  });
});
