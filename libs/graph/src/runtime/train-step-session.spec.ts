import * as ort from 'onnxruntime-node';
import { MemoryLogger } from '@tsforecast/config/testing';
import { GraphBuilder } from '../builder/graph-builder';
import { compileEval } from '../compile/compile-eval';
import { compileTrainStep } from '../compile/compile-train-step';
import { exportInference } from '../compile/export-inference';
import type { OptimizerSpec } from '../compile/optimizers';
import { init } from '../init/initializers';
import { Xoshiro128 } from '../init/xoshiro128';
import { createSession } from './create-session';
import { EvalSession } from './eval-session';
import { TrainStepSession } from './train-step-session';

jest.setTimeout(60_000);

const f32 = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));

describe('TrainStepSession end to end', () => {
  it('linear regression reaches the closed-form least-squares solution', async () => {
    const n = 64;
    const rng = new Xoshiro128(1);
    const x = f32(n * 2, () => rng.uniform() * 2 - 1);
    const y = f32(n, (i) => 1.5 * x[i * 2] - 0.7 * x[i * 2 + 1] + 0.3 + 0.1 * (rng.uniform() - 0.5));
    // Normal equations for [x1, x2, 1]: (AᵀA) θ = Aᵀy, solved by Cramer's rule.
    const ata = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const aty = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const row = [x[i * 2], x[i * 2 + 1], 1];
      for (let r = 0; r < 3; r++) {
        aty[r] += row[r] * y[i];
        for (let c = 0; c < 3; c++) ata[r][c] += row[r] * row[c];
      }
    }
    const det = (m: number[][]) =>
      m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
      m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
      m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    const theta = [0, 1, 2].map((k) => det(ata.map((row, r) => row.map((v, c) => (c === k ? aty[r] : v)))) / det(ata));

    const g = new GraphBuilder({ seed: 1 });
    const xi = g.input('x', ['B', 2]);
    const loss = g.mseLoss(g.dense('lin', xi, 1), g.input('y', ['B', 1]));
    const step = await TrainStepSession.create(compileTrainStep(g, { loss, optimizer: { kind: 'sgd', momentum: 0.9 } }), { threads: 1 });
    for (let i = 0; i < 400; i++) await step.run({ x: { data: x, dims: [n, 2] }, y: { data: y, dims: [n, 1] } }, 0.1);
    const p = step.parameters();
    expect(p['lin.weight'][0]).toBeCloseTo(theta[0], 4);
    expect(p['lin.weight'][1]).toBeCloseTo(theta[1], 4);
    expect(p['lin.bias'][0]).toBeCloseTo(theta[2], 4);
    await step.release();
  });

  it('a small MLP fits sin(x)', async () => {
    const n = 128;
    const x = f32(n, (i) => -Math.PI + (2 * Math.PI * i) / (n - 1));
    const y = x.map(Math.sin);
    const g = new GraphBuilder({ seed: 2 });
    const xi = g.input('x', ['B', 1]);
    const h = g.tanh(g.dense('fc2', g.tanh(g.dense('fc1', xi, 32)), 32));
    const loss = g.mseLoss(g.dense('out', h, 1), g.input('y', ['B', 1]));
    const step = await TrainStepSession.create(compileTrainStep(g, { loss, optimizer: { kind: 'adam' } }), { threads: 1 });
    let last = Infinity;
    for (let i = 0; i < 600; i++) last = await step.run({ x: { data: x, dims: [n, 1] }, y: { data: y, dims: [n, 1] } }, 0.01);
    expect(last).toBeLessThan(0.005);
    await step.release();
  });

  it.each([1, 2])('same seed ⇒ identical loss curve bit for bit (dropout on, %i threads)', async (threads) => {
    const curve = async () => {
      const g = new GraphBuilder({ seed: 5 });
      const xi = g.input('x', ['B', 8]);
      const h = g.dropout(g.relu(g.dense('fc1', xi, 64)), 0.3);
      const loss = g.maeLoss(g.dense('fc2', h, 4), g.input('y', ['B', 4]));
      const step = await TrainStepSession.create(compileTrainStep(g, { loss, optimizer: { kind: 'adamw' }, clipGradNorm: 1 }), {
        threads,
        seed: 11,
      });
      const rng = new Xoshiro128(3);
      const x = f32(256 * 8, () => rng.uniform());
      const y = f32(256 * 4, () => rng.uniform());
      const losses: number[] = [];
      for (let i = 0; i < 12; i++) losses.push(await step.run({ x: { data: x, dims: [256, 8] }, y: { data: y, dims: [256, 4] } }, 1e-2));
      await step.release();
      return losses;
    };
    const a = await curve();
    expect(await curve()).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(10);
  });

  it('the exported inference model gives the eval graph outputs, and BatchNorm running stats update', async () => {
    const g = new GraphBuilder({ seed: 3 });
    const xi = g.input('x', ['B', 3, 6]);
    const h = g.batchNorm('bn', g.conv1d('conv', xi, { outChannels: 2, kernel: 3, padding: 1 }));
    const flat = g.reshape(h, ['B', 12]);
    const yhat = g.output('yhat', g.dense('fc', g.dropout(g.relu(flat), 0.2), 2));
    // Bake "inverse scaling" into the exported graph: forecast = yhat · 10 + 1.
    g.output('forecast', g.add(g.mul(yhat, 10), 1));
    const loss = g.mseLoss(yhat, g.input('y', ['B', 2]));
    const step = await TrainStepSession.create(compileTrainStep(g, { loss, optimizer: { kind: 'adam' } }), { threads: 1 });
    const rng = new Xoshiro128(9);
    const x = f32(16 * 18, () => rng.normal() * 2 + 1);
    const y = f32(32, () => rng.normal());
    await step.run({ x: { data: x, dims: [16, 3, 6] }, y: { data: y, dims: [16, 2] } }, 1e-3);
    const rm = step.parameters()['bn.running_mean'];
    expect(Array.from(rm).some((v) => Math.abs(v) > 1e-3)).toBe(true);
    for (let i = 0; i < 5; i++) await step.run({ x: { data: x, dims: [16, 3, 6] }, y: { data: y, dims: [16, 2] } }, 1e-3);

    const evaluator = await EvalSession.create(compileEval(g, { outputs: ['forecast'] }));
    const viaEval = await evaluator.run({ x: { data: x, dims: [16, 3, 6] } }, step);
    const exported = exportInference(g, step.parameters(), { outputs: ['forecast'] });
    expect(exported.inputs.map((i) => [i.name, i.shape])).toEqual([['x', ['B', 3, 6]]]);
    expect(exported.opset).toBe(17);
    const { session } = await createSession(exported.bytes);
    const out = await session.run({ x: new ort.Tensor('float32', x, [16, 3, 6]) });
    expect(out['forecast'].dims).toEqual([16, 2]);
    Array.from(viaEval['forecast'].data).forEach((v, i) => expect((out['forecast'].data as Float32Array)[i]).toBeCloseTo(v, 4));
    await Promise.all([step.release(), evaluator.release(), session.release()]);
  });

  it('loadParameters restores saved weights', async () => {
    const g = new GraphBuilder({ seed: 1 });
    const loss = g.mseLoss(g.dense('lin', g.input('x', ['B', 2]), 1), g.input('y', ['B', 1]));
    const step = await TrainStepSession.create(compileTrainStep(g, { loss, optimizer: { kind: 'adam' } }));
    const saved = step.parameters();
    const feeds = { x: { data: f32(8, (i) => i), dims: [4, 2] }, y: { data: f32(4, () => 1), dims: [4, 1] } };
    const first = await step.run(feeds, 0.1);
    await step.run(feeds, 0.1);
    step.loadParameters(saved);
    expect(step.parameters()).toEqual(saved);
    expect(() => step.loadParameters({ nope: new Float32Array(1) })).toThrow(/unknown parameter 'nope'/);
    expect(() => step.loadParameters({ 'lin.weight': new Float32Array(3) })).toThrow(/'lin.weight' has 3 values, expected 2/);
    void first;
    await step.release();
  });
});

describe('optimizers match PyTorch formulas', () => {
  // loss = Σ c·p + ½ Σ p²  ⇒  grad = c + p
  const c = [0.5, -1, 2, 0.1];
  const p0 = [0.3, -0.2, 1, -1.5];

  function reference(spec: OptimizerSpec, steps: number, lr: number, clip?: number): number[] {
    const p = [...p0];
    const s1 = [0, 0, 0, 0];
    const s2 = [0, 0, 0, 0];
    for (let t = 1; t <= steps; t++) {
      let grad = p.map((v, i) => c[i] + v);
      if (clip !== undefined) {
        const norm = Math.sqrt(grad.reduce((a, v) => a + v * v, 0));
        const coef = Math.min(clip / (norm + 1e-6), 1);
        grad = grad.map((v) => v * coef);
      }
      if (spec.kind === 'sgd') {
        const mu = spec.momentum ?? 0;
        const damp = spec.dampening ?? 0;
        for (let i = 0; i < 4; i++) {
          let d = grad[i] + (spec.weightDecay ?? 0) * p[i];
          s1[i] = t === 1 ? d : mu * s1[i] + (1 - damp) * d;
          d = spec.nesterov ? d + mu * s1[i] : s1[i];
          p[i] -= lr * d;
        }
      } else {
        const [b1, b2, eps] = [spec.beta1 ?? 0.9, spec.beta2 ?? 0.999, spec.eps ?? 1e-8];
        const wd = spec.weightDecay ?? (spec.kind === 'adamw' ? 0.01 : 0);
        for (let i = 0; i < 4; i++) {
          let gi = grad[i];
          if (spec.kind === 'adamw') p[i] *= 1 - lr * wd;
          else gi += wd * p[i];
          s1[i] = b1 * s1[i] + (1 - b1) * gi;
          s2[i] = b2 * s2[i] + (1 - b2) * gi * gi;
          const denom = Math.sqrt(s2[i]) / Math.sqrt(1 - b2 ** t) + eps;
          p[i] -= (lr / (1 - b1 ** t)) * (s1[i] / denom);
        }
      }
    }
    return p;
  }

  it.each<[string, OptimizerSpec, number | undefined]>([
    ['adam', { kind: 'adam' }, undefined],
    ['adam + L2', { kind: 'adam', weightDecay: 0.1, beta1: 0.8 }, undefined],
    ['adamw', { kind: 'adamw', weightDecay: 0.05 }, undefined],
    ['sgd', { kind: 'sgd' }, undefined],
    ['sgd momentum dampening', { kind: 'sgd', momentum: 0.9, dampening: 0.3, weightDecay: 0.01 }, undefined],
    ['sgd nesterov', { kind: 'sgd', momentum: 0.8, nesterov: true }, undefined],
    ['adam + clipping', { kind: 'adam' }, 0.5],
    ['sgd + clipping', { kind: 'sgd', momentum: 0.5 }, 1],
  ])('%s', async (_name, spec, clip) => {
    const g = new GraphBuilder();
    const p = g.param('p', [4], init.values(p0));
    const loss = g.reduceSum(g.add(g.mul(p, g.constant(c, [4])), g.mul(g.mul(p, p), 0.5)), [0]);
    const step = await TrainStepSession.create(compileTrainStep(g, { loss, optimizer: spec, clipGradNorm: clip }), { threads: 1 });
    for (let i = 0; i < 5; i++) await step.run({}, 0.1);
    const expected = reference(spec, 5, 0.1, clip);
    Array.from(step.parameters()['p']).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    if (clip !== undefined) expect(step.lastGradNorm()).toBeGreaterThan(clip);
    await step.release();
  });
});

describe('bad input and failures', () => {
  it('a NaN loss names the step and the learning rate, and keeps the last weights', async () => {
    const g = new GraphBuilder();
    const p = g.param('p', [1], init.ones());
    const step = await TrainStepSession.create(compileTrainStep(g, { loss: g.reduceSum(g.log(p), [0]), optimizer: { kind: 'sgd' } }));
    // p ← p − lr/p: 1 → 0.4 → −1.1, so the third loss is log(−1.1) = NaN.
    await step.run({}, 0.6);
    await step.run({}, 0.6);
    await expect(step.run({}, 0.6)).rejects.toThrow('Loss became NaN at step 3 (lr=0.6)');
    expect(step.parameters()['p'][0]).toBeCloseTo(-1.1, 5);
    await step.release();
  });

  it('feeds with wrong shapes, dtypes or missing names are rejected', async () => {
    const g = new GraphBuilder();
    const loss = g.mseLoss(g.dense('lin', g.input('x', ['B', 2]), 1), g.input('y', ['B', 1]));
    const step = await TrainStepSession.create(compileTrainStep(g, { loss, optimizer: { kind: 'adam' } }));
    const x = { data: new Float32Array(8), dims: [4, 2] };
    await expect(step.run({ x }, 0.1)).rejects.toThrow("input 'y' is missing; expected float32 [B, 1]");
    await expect(
      step.run({ x: { data: new Float32Array(12), dims: [4, 3] }, y: { data: new Float32Array(4), dims: [4, 1] } }, 0.1),
    ).rejects.toThrow("input 'x' must have shape [B, 2], got [4, 3]");
    await expect(step.run({ x, y: { data: new Float32Array(5), dims: [5, 1] } }, 0.1)).rejects.toThrow(
      /input 'y': dim 0 is 5, but 'B' is 4 elsewhere/,
    );
    await expect(step.run({ x, y: { data: new BigInt64Array(4), dims: [4, 1] } }, 0.1)).rejects.toThrow(
      "input 'y' must be float32, got int64",
    );
    await step.release();
  });

  it.each(['cuda', 'webgpu'] as const)("asking for '%s' without a GPU falls back to cpu with one log line", async (backend) => {
    const g = new GraphBuilder();
    g.output('y', g.relu(g.input('x', ['B', 2])));
    const logger = new MemoryLogger();
    const { session, backend: used } = await createSession(compileEval(g).model, { backend }, logger);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([-1, 2]), [1, 2]) });
    if (used === 'cpu') {
      expect(logger.records).toHaveLength(1);
      expect(logger.records[0].message).toMatch(new RegExp(`^execution provider '${backend}' unavailable \\(.+\\); using 'cpu'$`));
    }
    expect(Array.from(out['y'].data as Float32Array)).toEqual([0, 2]);
    await session.release();
  });
});
