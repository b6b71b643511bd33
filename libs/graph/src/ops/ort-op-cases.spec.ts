import { GraphBuilder } from '../builder/graph-builder';
import { gradients } from '../autodiff/gradients';
import { compileEval } from '../compile/compile-eval';
import type { Tensor } from '../ir/node';
import { interpret } from '../reference/interpret';
import type { NdArray } from '../reference/nd-array';
import { EvalSession } from '../runtime/eval-session';
import type { FeedValue } from '../runtime/feeds';
import { buildCase } from '../testing/case-feeds';
import { opCases } from '../testing/op-cases';

function toFeeds(inputs: readonly Tensor[], feeds: Record<string, NdArray>): Record<string, FeedValue> {
  const out: Record<string, FeedValue> = {};
  for (const t of inputs) {
    const v = feeds[t.name];
    out[t.name] = {
      data: t.dtype === 'int64' ? BigInt64Array.from(Array.from(v.data, (x) => BigInt(x))) : Float32Array.from(v.data),
      dims: v.shape,
    };
  }
  return out;
}

function expectClose(actual: Float32Array, expected: Float64Array, what: string): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let at = -1;
  expected.forEach((e, i) => {
    const err = Math.abs(actual[i] - e) / (1e-5 + 1e-4 * Math.abs(e));
    if (err > worst) [worst, at] = [err, i];
  });
  expect(worst <= 1 ? 'ok' : `${what}[${at}]: ORT ${actual[at]} vs reference ${expected[at]}`).toBe('ok');
}

describe('ORT (float32) vs float64 reference, every op case', () => {
  describe.each(opCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    it('forward and lowered gradients match the reference', async () => {
      const g = new GraphBuilder();
      const built = buildCase(g, c, 3);
      g.output('y', built.output);
      // The gradient graph of Σ y·r, lowered to ONNX too.
      const r = g.constant(
        Array.from({ length: built.output.shape.reduce((a: number, b) => a * (b as number), 1) }, (_, i) => Math.cos(i)),
        built.output.shape as number[],
      );
      const projected = g.mul(built.output, r);
      const loss =
        built.output.shape.length === 0
          ? projected
          : g.reduceSum(
              projected,
              built.output.shape.map((_, i) => i),
            );
      const grads = built.wrt.length > 0 ? gradients(g, loss, built.wrt) : [];
      const extra = Object.fromEntries(grads.map((t, i) => [`grad${i}`, t]));
      const compiled = compileEval(g, { outputs: ['y'], extra });
      const session = await EvalSession.create(compiled, { threads: 1 });
      const used = built.inputs.filter((t) => compiled.feeds.some((f) => f.name === t.name));
      const out = await session.run(toFeeds(used, built.feeds), {});
      const expected = interpret(g, built.feeds, [built.output, ...grads]);
      expectClose(out['y'].data, expected[0].data, 'y');
      expect(out['y'].dims).toEqual(expected[0].shape);
      grads.forEach((_, i) => expectClose(out[`grad${i}`].data, expected[i + 1].data, `grad${i}`));
      await session.release();
    });
  });
});
