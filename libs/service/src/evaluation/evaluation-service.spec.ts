import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '@tsforecast/config';
import { SeriesReader, type SeriesFrame } from '@tsforecast/data';
import { useServiceStack } from '../testing/service-suite';
import { TrackingQueries } from '../queries/tracking-queries';
import { EvaluationService } from './evaluation-service';

// AirPassengers as users evaluate it: the sample the CLI ships.
const sample = resolve(__dirname, '../../../../apps/cli/assets/air_passengers.csv');

describe('EvaluationService', () => {
  const stack = useServiceStack('tsf-evaluation-');

  it('finds models in any letter case (the registry lookup, as train does) and scores the 1960 hold-out as the last window', async () => {
    const result = await stack.container
      .get(EvaluationService)
      .evaluate({ data: sample, models: ['naive', 'SEASONALNAIVE'], horizons: [12], windows: 2 });
    expect(result.rows.map((r) => r.model)).toEqual(['Naive', 'SeasonalNaive']);
    const last = result.windows.find((w) => w.model === 'SeasonalNaive' && w.window === 1)!;
    expect(last.metrics.mae).toBeCloseTo(47.833, 3);
    expect(new Date(last.firstCutoff).toISOString()).toBe('1959-12-01T00:00:00.000Z');
    expect(result.experiment).toBe('air_passengers');
  });

  it('records one cv run per model × horizon: mean metrics on the run, each window as metric rows', async () => {
    const result = await stack.container
      .get(EvaluationService)
      .evaluate({ data: sample, models: ['SeasonalNaive'], horizons: [6, 12], windows: 3, experiment: 'cv-check' });
    const queries = stack.container.get(TrackingQueries);
    const runs = await queries.listRuns({ experiment: 'cv-check', kind: 'cv' });
    expect(runs.map((r) => [r.modelName, r.horizon, r.status]).sort()).toEqual([
      ['SeasonalNaive', 12, 'completed'],
      ['SeasonalNaive', 6, 'completed'],
    ]);
    const row = result.rows.find((r) => r.horizon === 12)!;
    const detail = await queries.getRun(row.runId);
    expect(detail.metrics['mae']).toBeCloseTo(row.metrics.mae, 9);
    expect(detail.parameters).toMatchObject({ windows: 3, stepSize: 12, refit: true });
    const windowRows = result.windows.filter((w) => w.horizon === 12);
    expect(windowRows.map((w) => w.window)).toEqual([0, 1, 2]);
    // The run's mean is the mean of its windows.
    expect(row.metrics.mae).toBeCloseTo(windowRows.reduce((a, w) => a + w.metrics.mae, 0) / 3, 9);
  });

  it('takes a frame in memory (the API sends JSON) as well as a CSV path', async () => {
    const { frame } = await stack.container.get<SeriesReader>(SeriesReader).read(sample);
    const inMemory: SeriesFrame = { ...frame, series: frame.series.map((s) => ({ ...s, y: s.y.map((v) => v * 2) })) };
    const result = await stack.container
      .get(EvaluationService)
      .evaluate({ data: inMemory, models: ['SeasonalNaive'], horizons: [12], windows: 1 });
    expect(result.rows[0]!.metrics.mae).toBeCloseTo((2 * 574) / 12, 9); // twice SeasonalNaive's 47.833 = 574/12
    expect(result.experiment).toBe('evaluation');
  });

  it('writes the per-window CSV with a column per metric of the metric table', async () => {
    const output = join(stack.dir, 'cv.csv');
    await stack.container.get(EvaluationService).evaluate({ data: sample, models: ['SeasonalNaive'], horizons: [12], windows: 2, output });
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('model,horizon,window,first_cutoff,mae,mse,rmse,mape,smape,mase');
    expect(lines[2]).toMatch(/^SeasonalNaive,12,1,1959-12-01T00:00:00.000Z,47.83/);
  });

  it('checks every name and number before fitting anything or recording a run', async () => {
    const service = stack.container.get(EvaluationService);
    const before = (await stack.container.get(TrackingQueries).listRuns({ limit: 1000 })).length;
    await expect(service.evaluate({ data: sample, models: ['Naive', 'Prophet'], horizons: [12] })).rejects.toThrow(
      /^Unknown model 'Prophet'; available: .*SeasonalNaive/,
    );
    await expect(service.evaluate({ data: sample, models: ['Naive'], horizons: [0] })).rejects.toThrow(
      /^'horizons' must be a positive integer, got 0$/,
    );
    await expect(service.evaluate({ data: sample, models: ['Naive'], horizons: [12], windows: 1.5 })).rejects.toThrow(UsageError);
    await expect(service.evaluate({ data: sample, models: ['Naive'], horizons: [12], experiment: '../x' })).rejects.toThrow(
      /'experiment' must be/,
    );
    expect((await stack.container.get(TrackingQueries).listRuns({ limit: 1000 })).length).toBe(before);
  });
});
