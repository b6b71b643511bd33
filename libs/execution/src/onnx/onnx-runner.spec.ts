import { Worker } from 'node:worker_threads';
import { GraphBuilder, exportInference, type Tensor } from '@tsforecast/graph';
import { frameOf } from '@tsforecast/model/testing';
import type { ExportedModel } from '@tsforecast/model';
import { OnnxRunner } from './onnx-runner';

/*
 * A tiny exported graph with known weights, run through the runner and
 * compared with a plain TypeScript reference of the same computation:
 *   y_hat[b, t]        = Σ_l y[b, l]·W[l, t] + Σ_l mask[b, l]·V[l, t]      y, mask: [B, L]; W, V: [L, h]
 *   quantiles[b, t, k] = y_hat[b, t] + D[k]·Σ_l mask[b, l]                  D: [Q]
 * The mask terms make the left-padding visible: a padded slot must carry y = 0 and mask = 0.
 */
const L = 4;
const h = 3;
const levels = [0.1, 0.5, 0.9];
const W = Float32Array.from({ length: L * h }, (_, i) => ((i * 7) % 11) / 10 - 0.4);
const V = Float32Array.from({ length: L * h }, (_, i) => ((i * 5) % 7) - 3);
const D = [-2, 0, 3];

function tinyGraph(names: { y: string; mask: string } = { y: 'y', mask: 'mask' }, withQuantiles = true): ExportedModel {
  const g = new GraphBuilder({ seed: 1 });
  const y = g.input(names.y, ['B', L]);
  const mask = g.input(names.mask, ['B', L]);
  const w = g.param('w', [L, h]);
  const v = g.param('v', [L, h]);
  const yHat: Tensor = g.add(g.matmul(y, w), g.matmul(mask, v));
  g.output('y_hat', yHat);
  const available = g.reduceSum(mask, [1], true); // [B, 1]
  const spread = g.mul(g.reshape(available, ['B', 1, 1]), g.constant(D, [1, 1, levels.length]));
  if (withQuantiles) g.output('quantiles', g.add(g.reshape(yHat, ['B', h, 1]), spread));
  const onnx = exportInference(g, { w: W, v: V }, { outputs: withQuantiles ? ['y_hat', 'quantiles'] : ['y_hat'] });
  return { onnx: onnx.bytes, inputSize: L, h, opset: onnx.opset, quantiles: withQuantiles ? levels : undefined, scaler: 'identity' };
}

/** The reference: last L values left-padded with y = 0, mask = 0, then the two sums above, in float64. */
function reference(series: number[]): { mean: number[]; quantiles: number[][] } {
  const take = series.slice(-L);
  const y = [...new Array<number>(L - take.length).fill(0), ...take];
  const mask = [...new Array<number>(L - take.length).fill(0), ...take.map(() => 1)];
  const mean = Array.from({ length: h }, (_, t) => y.reduce((s, v, l) => s + v * W[l * h + t] + mask[l] * V[l * h + t], 0));
  const count = mask.reduce((a, b) => a + b, 0);
  return { mean, quantiles: D.map((d) => mean.map((m) => m + d * count)) };
}

const history = frameOf(
  {
    long: [5, 1, 2, 3, 4, 8, 6],
    exact: [2, -1, 0.5, 4],
    short: [3, 9],
  },
  { unit: 'day' },
);

describe('OnnxRunner', () => {
  it('forecasts as the TypeScript reference: last L values, left-padded with y = 0 and mask = 0, quantiles [B, h, Q]', async () => {
    const runner = await OnnxRunner.create(tinyGraph());
    const forecast = await runner.forecast(history);
    await runner.release();
    expect(forecast.seriesIds).toEqual(['long', 'exact', 'short']);
    expect(forecast.quantiles?.levels).toEqual(levels);
    history.series.forEach((s, i) => {
      const expected = reference(Array.from(s.y));
      forecast.mean[i].forEach((v, t) => expect(v).toBeCloseTo(expected.mean[t], 5));
      levels.forEach((_, k) => forecast.quantiles!.values[k][i].forEach((v, t) => expect(v).toBeCloseTo(expected.quantiles[k][t], 5)));
    });
    // Golden values of the same reference, so that a change to both cannot pass unnoticed.
    expect(Array.from(forecast.mean[2])).toEqual([expect.closeTo(4.1, 5), expect.closeTo(-4.7, 5), expect.closeTo(0.5, 5)]);
  });

  it('dates the forecast after the last timestamp of each series, at the frame frequency', async () => {
    const runner = await OnnxRunner.create(tinyGraph(undefined, false));
    const forecast = await runner.forecast(history);
    await runner.release();
    const day = 86_400_000;
    expect(Array.from(forecast.ds[2])).toEqual([1, 2, 3].map((k) => history.series[2].ds[1] + k * day));
    expect(forecast.quantiles).toBeUndefined();
  });

  it('refuses a graph whose inputs are not y and mask, naming what it has and what the contract expects', async () => {
    await expect(OnnxRunner.create(tinyGraph({ y: 'insample_y', mask: 'insample_mask' }), { label: 'model Old@1' })).rejects.toThrow(
      new RegExp(
        '^model Old@1: the ONNX graph has inputs \\[insample_y, insample_mask\\] and outputs \\[y_hat, quantiles\\]; ' +
          'the exported-model contract expects inputs \\[y, mask\\]',
      ),
    );
  });

  it('runs a graph that does not read the mask (export drops the unused input), as MLP with the identity scaler', async () => {
    const g = new GraphBuilder({ seed: 1 });
    const y = g.input('y', ['B', L]);
    g.input('mask', ['B', L]);
    g.output('y_hat', g.matmul(y, g.param('w', [L, h])));
    const onnx = exportInference(g, { w: W }, { outputs: ['y_hat'] });
    expect(onnx.inputs.map((i) => i.name)).toEqual(['y']);
    const runner = await OnnxRunner.create({ onnx: onnx.bytes, inputSize: L, h, opset: onnx.opset, scaler: 'identity' });
    const forecast = await runner.forecast(history);
    await runner.release();
    // 'short' = [0, 0, 3, 9] after padding: 3·W[2, t] + 9·W[3, t].
    expect(Array.from(forecast.mean[2])).toEqual([0, 1, 2].map((t) => expect.closeTo(3 * W[2 * h + t] + 9 * W[3 * h + t], 5)));
  });

  it('refuses metadata that announces quantiles the graph does not output', async () => {
    const model = { ...tinyGraph(undefined, false), quantiles: levels };
    await expect(OnnxRunner.create(model)).rejects.toThrow(/outputs \[y_hat\]; .*expects .*outputs \[y_hat, quantiles\]/);
  });

  it('refuses bad metadata before opening a session, naming the field and the value', async () => {
    await expect(OnnxRunner.create({ ...tinyGraph(), inputSize: 0 })).rejects.toThrow(/'inputSize' must be an integer >= 1, got 0/);
    await expect(OnnxRunner.create({ ...tinyGraph(), quantiles: [0.9, 0.1] })).rejects.toThrow(
      /'quantiles' must be ascending levels in \(0, 1\), got \[0.9, 0.1\]/,
    );
  });

  it('refuses bytes ONNX Runtime cannot read (a truncated file) with an error, not a forecast', async () => {
    const model = tinyGraph();
    const truncated = { ...model, onnx: model.onnx.subarray(0, Math.floor(model.onnx.length / 2)) };
    await expect(OnnxRunner.create(truncated)).rejects.toThrow(/ONNX Runtime could not load the model/);
  });

  describe('forecastInWorker', () => {
    // Many series of uneven lengths (padding included): the worker's session must give the inline numbers exactly.
    const many = frameOf(
      Object.fromEntries(
        Array.from({ length: 300 }, (_, i) => [`s${i}`, Array.from({ length: 1 + (i % 7) }, (_, t) => Math.sin(i + t) * 10)]),
      ),
      { unit: 'day' },
    );

    it('gives the inline forecast bit for bit, run on a worker thread, and stops its workers on release', async () => {
      const terminate = jest.spyOn(Worker.prototype, 'terminate');
      const runner = await OnnxRunner.create(tinyGraph(), { workers: 2 });
      try {
        const inline = await runner.forecast(many);
        const [a, b] = await Promise.all([runner.forecastInWorker(many), runner.forecastInWorker(history)]);
        expect(a).toEqual(inline);
        expect(b).toEqual(await runner.forecast(history));
        expect(terminate).not.toHaveBeenCalled();
      } finally {
        await runner.release();
      }
      expect(terminate).toHaveBeenCalledTimes(2);
      terminate.mockRestore();
    });

    it('runs inline when the runner has no workers', async () => {
      const runner = await OnnxRunner.create(tinyGraph());
      expect(runner.hasWorkers).toBe(false);
      const forecast = await runner.forecastInWorker(history);
      await runner.release();
      expect(forecast.seriesIds).toEqual(['long', 'exact', 'short']);
    });
  });
});
