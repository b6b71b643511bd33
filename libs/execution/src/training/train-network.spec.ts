import { EvalSession, compileEval } from '@tsforecast/graph';
import { MemoryLogger } from '@tsforecast/config/testing';
import { hostLoss, lossSpecOf, MLP, mlpDefaults, type MLPHyperparameters } from '@tsforecast/model';
import { toyFrame } from '@tsforecast/model/testing';
import { GRAPH_NAMES } from './forecast-graph';
import { learningRateAt } from './learning-rate';
import { NeuralForecaster } from './neural-forecaster';
import { trainNetwork } from './train-network';
import { validationWindows } from './window-sampler';

jest.setTimeout(120_000);

const h = 6;
const small = { ...mlpDefaults(h), inputSize: 12, hiddenSize: 16, maxSteps: 30, windowsBatchSize: 32, scalerType: 'robust' as const };
const mlp = (hp: MLPHyperparameters) => new NeuralForecaster(new MLP(h, hp), { threads: 1 });

describe('trainNetwork', () => {
  it('gives identical forecasts for two fits with the same seed, different ones for another seed', async () => {
    const frame = toyFrame();
    const fit = async (seed: number) => {
      const model = mlp({ ...small, seed });
      await model.fit(frame, { logger: new MemoryLogger() });
      const forecast = await model.predict(frame);
      await model.dispose();
      return forecast.mean.map((m) => Array.from(m));
    };
    const a = await fit(1);
    expect(await fit(1)).toEqual(a);
    expect(await fit(2)).not.toEqual(a);
  });

  it('stops early and restores the best validation weights', async () => {
    const frame = toyFrame(2, 96);
    const hp = { ...small, maxSteps: 400, learningRate: 0.05, numLrDecays: -1, valSize: 12, valCheckSteps: 5, earlyStopPatienceSteps: 2 };
    const model = mlp(hp);
    const graph = model.buildGraph();
    const logger = new MemoryLogger();
    const outcome = await trainNetwork(
      graph,
      frame.series.map((s) => s.y),
      hp,
      h,
      { logger },
    );
    expect(outcome.stoppedEarly).toBe(true);
    expect(outcome.steps).toBeLessThan(400);
    expect(outcome.bestStep).toBeLessThan(outcome.steps);
    // The kept weights score the best validation loss, not the last one.
    const val = validationWindows(
      frame.series.map((s) => s.y),
      { inputSize: 12, h, stepSize: 1, startPaddingEnabled: false },
      12,
    );
    const session = await EvalSession.create(compileEval(graph.g, { outputs: [GRAPH_NAMES.yHat] }));
    const out = await session.run(
      { y: { data: val.y, dims: [val.count, 12] }, mask: { data: val.mask, dims: [val.count, 12] } },
      outcome.weights,
    );
    expect(hostLoss(lossSpecOf(hp), out[GRAPH_NAMES.yHat].data, val.target, val.targetMask)).toBeCloseTo(outcome.bestValLoss!, 4);
    await session.release();
  });

  it('calls onValidation after each validation check; an error thrown there stops training', async () => {
    const frame = toyFrame(2, 96);
    const hp = { ...small, maxSteps: 40, valSize: 12, valCheckSteps: 5 };
    const model = mlp(hp);
    const calls: [number, number][] = [];
    await trainNetwork(
      model.buildGraph(),
      frame.series.map((s) => s.y),
      hp,
      h,
      { logger: new MemoryLogger(), onValidation: (step, loss) => void calls.push([step, loss]) },
    );
    expect(calls.map(([step]) => step)).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
    expect(calls.every(([, loss]) => Number.isFinite(loss) && loss > 0)).toBe(true);

    const stop = new Error('stop here');
    const steps: number[] = [];
    const onValidation = async (step: number) => {
      steps.push(step);
      if (step === 10) throw stop;
    };
    await expect(
      trainNetwork(
        model.buildGraph(),
        frame.series.map((s) => s.y),
        hp,
        h,
        { logger: new MemoryLogger(), onValidation },
      ),
    ).rejects.toBe(stop);
    expect(steps).toEqual([5, 10]);
  });

  it('forecasts ordered quantiles with the median as y_hat under mqloss', async () => {
    const frame = toyFrame();
    const model = mlp({ ...small, maxSteps: 60, learningRate: 3e-3, loss: 'mqloss', level: [80, 90] });
    await model.fit(frame, { logger: new MemoryLogger() });
    const fc = await model.predict(frame);
    expect(fc.quantiles?.levels).toEqual([0.05, 0.1, 0.5, 0.9, 0.95]);
    const q = fc.quantiles!.values;
    expect(q.map((perSeries) => perSeries.map((v) => Array.from(v)))[2]).toEqual(fc.mean.map((m) => Array.from(m)));
    let ordered = 0;
    let total = 0;
    for (let i = 0; i < 2; i++)
      for (let t = 0; t < h; t++) {
        total++;
        if (q[0][i][t] <= q[2][i][t] && q[2][i][t] <= q[4][i][t]) ordered++;
      }
    expect(ordered / total).toBeGreaterThanOrEqual(0.8);
    await model.dispose();
  });
});

describe('learningRateAt', () => {
  it('halves the rate every ⌊maxSteps / numLrDecays⌋ steps (StepLR)', () => {
    const hp = { learningRate: 1e-3, maxSteps: 1000, numLrDecays: 3 };
    expect(learningRateAt(hp, 1)).toBe(1e-3);
    expect(learningRateAt(hp, 333)).toBe(1e-3);
    expect(learningRateAt(hp, 334)).toBe(5e-4);
    expect(learningRateAt(hp, 1000)).toBe(1.25e-4);
    expect(learningRateAt({ ...hp, numLrDecays: -1 }, 1000)).toBe(1e-3);
  });
});
