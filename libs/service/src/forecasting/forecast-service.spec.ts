import 'reflect-metadata';
import type { LoadedModel } from '@tsforecast/artifact';
import type { SeriesFrame } from '@tsforecast/data';
import { openServiceStack, type ServiceStack } from '../testing/service-stack';
import { ForecastService } from './forecast-service';

describe('ForecastService.forecastFrame', () => {
  let stack: ServiceStack;
  beforeAll(async () => {
    stack = await openServiceStack('tsf-forecast-');
  });
  afterAll(() => stack.database.close());

  const frame: SeriesFrame = {
    series: [{ id: 'a', ds: Float64Array.from({ length: 30 }, (_, t) => Date.UTC(2000, t, 1)), y: Float64Array.from({ length: 30 }, (_, t) => 100 + t) }],
    frequency: { unit: 'M', step: 1 },
    seasonLength: 12,
    exogenousColumns: [],
  } as unknown as SeriesFrame;
  const loaded = (model: string, kind: 'neural' | 'baseline'): LoadedModel => ({
    saved: { id: 'x', name: model, version: 1, path: '/models/x', sizeBytes: 0 },
    metadata: { formatVersion: 1, model, kind, hyperparameters: {}, h: 3, frequency: { unit: 'M', step: 1 }, seasonLength: 12, trainingFingerprint: 'f', metrics: {}, createdAt: '', runId: 'r' },
  });

  it('never trains a neural model on the predict path: no ONNX file is an error', async () => {
    const service = stack.container.get(ForecastService);
    await expect(service.forecastFrame(loaded('MLP', 'neural'), frame)).rejects.toThrow(/^model MLP@1 is neural but has no ONNX file loaded from \/models\/x; it cannot forecast$/);
    // Metadata that claims a baseline does not let a neural model through either.
    await expect(service.forecastFrame(loaded('MLP', 'baseline'), frame)).rejects.toThrow(/is neural but has no ONNX file/);
  });

  it('fits a baseline on the given history (it stores no weights)', async () => {
    const forecast = await stack.container.get(ForecastService).forecastFrame(loaded('Naive', 'baseline'), frame);
    expect(Array.from(forecast.mean[0]!)).toEqual([129, 129, 129]);
  });
});
