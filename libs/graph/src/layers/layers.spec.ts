import { GraphBuilder } from '../builder/graph-builder';
import { compileEval } from '../compile/compile-eval';
import type { Tensor } from '../ir/node';
import { Xoshiro128 } from '../init/xoshiro128';
import { interpret } from '../reference/interpret';
import { nd, type NdArray } from '../reference/nd-array';
import { EvalSession } from '../runtime/eval-session';
import { gradCheck } from '../testing/grad-check';

const rand = (shape: number[], seed: number, lo = -2, hi = 2): NdArray => {
  const rng = new Xoshiro128(seed);
  return nd(
    shape,
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => lo + (hi - lo) * rng.uniform()),
  );
};

/** Evaluates `out` of a one-input graph with the reference interpreter and returns a plain array. */
function run1(build: (g: GraphBuilder, x: Tensor) => Tensor, x: NdArray): number[] {
  const g = new GraphBuilder();
  const xi = g.input('x', x.shape);
  return Array.from(interpret(g, { x }, [build(g, xi)])[0].data);
}

describe('layers match PyTorch semantics', () => {
  it.each([
    ['avg k=2 s=2 ceil', { kernel: 2, ceilMode: true }, [1, 2, 3, 4, 5], [1.5, 3.5, 5]],
    ['avg k=3 s=2 pad=1 count_include_pad', { kernel: 3, stride: 2, padding: 1 }, [1, 2, 3, 4], [1, 3]],
    ['avg k=3 s=2 pad=1 exclude pad', { kernel: 3, stride: 2, padding: 1, countIncludePad: false }, [1, 2, 3, 4], [1.5, 3]],
  ])('avgPool1d %s', (_n, opts, input, expected) => {
    const out = run1((g, x) => g.avgPool1d(x, opts), nd([1, input.length], input));
    expect(out.map((v) => Number(v.toFixed(6)))).toEqual(expected);
  });

  it.each([
    ['ceil', true, [3, 5, 4]],
    ['floor', false, [3, 5]],
  ])('maxPool1d k=2 s=2 %s mode', (_n, ceilMode, expected) => {
    expect(run1((g, x) => g.maxPool1d(x, { kernel: 2, ceilMode }), nd([1, 5], [1, 3, 2, 5, 4]))).toEqual(expected);
  });

  it('maxPool1d with padding ignores the padded positions', () => {
    expect(run1((g, x) => g.maxPool1d(x, { kernel: 3, stride: 2, padding: 1 }), nd([1, 4], [-1, -3, -2, -5]))).toEqual([-1, -2]);
  });

  it('interpolateLinear follows align_corners=False (up and down)', () => {
    expect(run1((g, x) => g.interpolateLinear(x, 6), nd([1, 3], [0, 1, 2]))).toEqual([0, 0.25, 0.75, 1.25, 1.75, 2]);
    expect(run1((g, x) => g.interpolateLinear(x, 2), nd([1, 4], [0, 1, 2, 3]))).toEqual([0.5, 2.5]);
  });

  it('conv1d equals a direct convolution (stride, padding, dilation)', () => {
    const x = rand([2, 3, 7], 1);
    const g = new GraphBuilder({ seed: 4 });
    const xi = g.input('x', [2, 3, 7]);
    const y = g.conv1d('conv', xi, { outChannels: 2, kernel: 3, stride: 2, padding: 1, dilation: 2 });
    const [out] = interpret(g, { x }, [y]);
    const w = g.persistents().find((p) => p.name === 'conv.weight')!.init;
    const b = g.persistents().find((p) => p.name === 'conv.bias')!.init;
    const lOut = Math.floor((7 + 2 - 2 * 2 - 1) / 2) + 1;
    expect(out.shape).toEqual([2, 2, lOut]);
    for (let n = 0; n < 2; n++)
      for (let o = 0; o < 2; o++)
        for (let j = 0; j < lOut; j++) {
          let s = b[o];
          for (let c = 0; c < 3; c++)
            for (let t = 0; t < 3; t++) {
              const src = j * 2 - 1 + t * 2;
              if (src >= 0 && src < 7) s += w[(o * 3 + c) * 3 + t] * x.data[(n * 3 + c) * 7 + src];
            }
          expect(out.data[(n * 2 + o) * lOut + j]).toBeCloseTo(s, 10);
        }
  });

  it('losses: MAE, MSE, Huber, quantile and the masked mean', () => {
    const g = new GraphBuilder();
    const yhat = g.input('yhat', [2, 2]);
    const y = g.input('y', [2, 2]);
    const mask = g.input('mask', [2, 2]);
    const q = g.input('q', [2, 2, 2]);
    const feeds = {
      yhat: nd([2, 2], [1, 2, 3, 4]),
      y: nd([2, 2], [1.5, 0, 3, 8]),
      mask: nd([2, 2], [1, 1, 0, 1]),
      q: nd([2, 2, 2], [1, 2, 2, 0, 3, 3, 4, 9]),
    };
    const [mae, maeMasked, mse, huber, quant] = interpret(g, feeds, [
      g.maeLoss(yhat, y),
      g.maeLoss(yhat, y, mask),
      g.mseLoss(yhat, y),
      g.huberLoss(yhat, y, 1),
      g.quantileLoss(q, y, [0.1, 0.9]),
    ]);
    expect(mae.data[0]).toBeCloseTo((0.5 + 2 + 0 + 4) / 4, 12);
    expect(maeMasked.data[0]).toBeCloseTo((0.5 + 2 + 4) / 3, 12);
    expect(mse.data[0]).toBeCloseTo((0.25 + 4 + 0 + 16) / 4, 12);
    expect(huber.data[0]).toBeCloseTo((0.125 + 1.5 + 0 + 3.5) / 4, 12);
    // d = y − ŷ per quantile; l = q·max(d, 0) + (1 − q)·max(−d, 0)
    const pin = (d: number, t: number) => t * Math.max(d, 0) + (1 - t) * Math.max(-d, 0);
    const expected = [pin(0.5, 0.1), pin(-0.5, 0.9), pin(-2, 0.1), pin(0, 0.9), pin(0, 0.1), pin(0, 0.9), pin(4, 0.1), pin(-1, 0.9)];
    expect(quant.data[0]).toBeCloseTo(expected.reduce((a, b) => a + b) / 8, 12);
  });

  it('an all-zero mask gives a zero loss, not NaN', () => {
    const g = new GraphBuilder();
    const a = g.input('a', [3]);
    const [l] = interpret(g, { a: nd([3], [1, 2, 3]) }, [g.maeLoss(a, g.constant([0, 0, 0], [3]), g.constant([0, 0, 0], [3]))]);
    expect(l.data[0]).toBe(0);
  });

  it('gelu is the erf form', () => {
    const xs = [-3, -1, -0.1, 0, 0.5, 2];
    const out = run1((g, x) => g.gelu(x), nd([6], xs));
    // Φ(x) from a float64 erf: reference values of x·Φ(x).
    const expected = [-0.0040496940949, -0.1586552539315, -0.0460172162723, 0, 0.345731230637, 1.9544997361036];
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 9));
  });

  it('layerNorm normalises the last axis (biased variance, eps 1e-5)', () => {
    const out = run1((g, x) => g.layerNorm('ln', x), nd([1, 4], [1, 2, 3, 4]));
    const sd = Math.sqrt(1.25 + 1e-5);
    expect(out.map((v) => Number(v.toFixed(9)))).toEqual([-1.5, -0.5, 0.5, 1.5].map((v) => Number((v / sd).toFixed(9))));
  });

  it('batchNorm channelsLast on [N, L, C] equals transpose → batchNorm → transpose', () => {
    const x = rand([3, 4, 2], 7);
    for (const mode of ['train', 'eval'] as const) {
      const g = new GraphBuilder();
      const xi = g.input('x', [3, 4, 2]);
      const last = g.batchNorm('a', xi, { channelsLast: true });
      const moved = g.transpose(g.batchNorm('b', g.transpose(xi, [0, 2, 1])), [0, 2, 1]);
      const [p, q] = interpret(g, { x }, [last, moved], { mode });
      Array.from(p.data).forEach((v, i) => expect(v).toBeCloseTo(q.data[i], 12));
    }
  });

  it('dropout is identity in eval mode and masks in train mode', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [4]);
    const y = g.dropout(x, 0.5);
    const mask = g.nodes.find((n) => n.kind === 'input' && n.role === 'dropoutMask')!;
    const feeds = { x: nd([4], [1, 2, 3, 4]), [mask.name]: nd([4], [0, 2, 2, 0]) };
    expect(Array.from(interpret(g, feeds, [y])[0].data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(interpret(g, feeds, [y], { mode: 'train' })[0].data)).toEqual([0, 4, 6, 0]);
  });
});

describe('layer gradchecks (float64)', () => {
  const cases: [string, number[], (g: GraphBuilder, x: Tensor) => Tensor, 'train' | 'eval'][] = [
    ['dense 3-D input', [2, 3, 4], (g, x) => g.dense('fc', x, 5), 'eval'],
    ['gelu', [2, 3], (g, x) => g.gelu(x), 'eval'],
    ['layerNorm', [3, 4], (g, x) => g.layerNorm('ln', x), 'eval'],
    ['batchNorm [N, C, L] train', [4, 2, 3], (g, x) => g.batchNorm('bn', x), 'train'],
    ['batchNorm [N, C] eval', [4, 2], (g, x) => g.batchNorm('bn', x), 'eval'],
    ['batchNorm [N, L, C] channelsLast train', [3, 4, 2], (g, x) => g.batchNorm('bn', x, { channelsLast: true }), 'train'],
    ['maxPool1d ceil', [2, 7], (g, x) => g.maxPool1d(x, { kernel: 3, stride: 2, ceilMode: true }), 'eval'],
    ['avgPool1d pad', [2, 2, 5], (g, x) => g.avgPool1d(x, { kernel: 3, stride: 2, padding: 1, countIncludePad: false }), 'eval'],
    ['conv1d', [2, 2, 6], (g, x) => g.conv1d('conv', x, { outChannels: 3, kernel: 2, padding: 1 }), 'eval'],
    ['interpolateLinear', [2, 3], (g, x) => g.interpolateLinear(x, 7), 'eval'],
    [
      'maeLoss masked',
      [2, 3],
      (g, x) => g.maeLoss(x, g.constant([0.3, -1, 2, 0.1, 0.4, -0.2], [2, 3]), g.constant([1, 0, 1, 1, 1, 0], [2, 3])),
      'eval',
    ],
    ['mseLoss', [2, 3], (g, x) => g.mseLoss(x, g.constant([0.3, -1, 2, 0.1, 0.4, -0.2], [2, 3])), 'eval'],
    ['huberLoss', [2, 3], (g, x) => g.huberLoss(x, g.constant([0.3, -1, 2, 0.1, 0.4, -0.2], [2, 3]), 0.5), 'eval'],
    ['quantileLoss', [2, 3], (g, x) => g.quantileLoss(x, g.constant([0.3, -1], [2]), [0.1, 0.5, 0.9]), 'eval'],
    ['softmax·log (attention-like)', [2, 4], (g, x) => g.log(g.softmax(g.mul(x, x), -1)), 'eval'],
  ];
  it.each(cases)('%s', (_name, shape, build, mode) => {
    const g = new GraphBuilder({ seed: 2 });
    const x = g.input('x', shape);
    const out = build(g, x);
    const params = g.persistents().filter((p) => p.trainable);
    const result = gradCheck(g, out, { x: rand(shape, 5) }, [x, ...params], { mode });
    expect(result.maxError <= 1 ? 'ok' : result.worst).toBe('ok');
  });

  it('embedding (gather) gradients reach the table', () => {
    const g = new GraphBuilder({ seed: 3 });
    const idx = g.input('idx', [3], 'int64');
    const out = g.embedding('emb', idx, { count: 4, dim: 2 });
    const table = g.persistents()[0];
    const result = gradCheck(g, out, { idx: nd([3], [1, 3, 1]) }, [table]);
    expect(result.maxError).toBeLessThanOrEqual(1);
  });
});

describe('layers through ORT (float32)', () => {
  it('a block with every layer matches the reference interpreter', async () => {
    const g = new GraphBuilder({ seed: 9 });
    const x = g.input('x', ['B', 2, 9]);
    const idx = g.input('idx', ['B'], 'int64');
    let h = g.conv1d('conv', x, { outChannels: 3, kernel: 3, padding: 1 });
    h = g.batchNorm('bn', h);
    h = g.maxPool1d(h, { kernel: 2, ceilMode: true });
    h = g.avgPool1d(h, { kernel: 2, stride: 1 });
    h = g.interpolateLinear(h, 6);
    h = g.gelu(g.layerNorm('ln', h));
    const e = g.reshape(g.embedding('emb', idx, { count: 5, dim: 6 }), ['B', 1, 6]);
    const y = g.output('y', g.add(g.softmax(h, -1), e));
    const compiled = compileEval(g);
    const session = await EvalSession.create(compiled, { threads: 1 });
    const xv = rand([3, 2, 9], 11);
    const out = await session.run(
      { x: { data: Float32Array.from(xv.data), dims: [3, 2, 9] }, idx: { data: BigInt64Array.from([0n, 4n, 2n]), dims: [3] } },
      {},
    );
    const [ref] = interpret(g, { x: xv, idx: nd([3], [0, 4, 2]) }, [y]);
    expect(out['y'].dims).toEqual([3, 3, 6]);
    ref.data.forEach((v, i) => expect(out['y'].data[i]).toBeCloseTo(v, 4));
    await session.release();
  });
});
