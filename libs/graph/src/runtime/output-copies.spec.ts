import { GraphBuilder } from '../builder/graph-builder';
import { compileTrainStep } from '../compile/compile-train-step';
import { Xoshiro128 } from '../init/xoshiro128';
import { freeOutputCopies } from './output-copies';
import { TrainStepSession } from './train-step-session';

jest.setTimeout(60_000);

type WithTransfer = { transfer?: (this: ArrayBuffer, newLength: number) => ArrayBuffer };
const prototype = ArrayBuffer.prototype as WithTransfer;

/** Runs `body` with `ArrayBuffer.prototype.transfer` recording what it is called on (Node 20 has none without a flag). */
async function recordingTransfers<T>(body: (freed: ArrayBuffer[]) => Promise<T>): Promise<T> {
  const native = prototype.transfer;
  const freed: ArrayBuffer[] = [];
  prototype.transfer = function (this: ArrayBuffer, newLength: number) {
    freed.push(this);
    return new ArrayBuffer(newLength);
  };
  try {
    return await body(freed);
  } finally {
    if (native === undefined) delete prototype.transfer;
    else prototype.transfer = native;
  }
}

const tensor = (data: Float32Array) => ({ data }) as never;

describe('freeOutputCopies', () => {
  it('frees each output buffer once, never a buffer the caller owns', async () => {
    const shared = new ArrayBuffer(32);
    const copy = new Float32Array(4);
    const own = new Float32Array(4);
    const empty = new Float32Array(0);
    const freed = await recordingTransfers(async (calls) => {
      const out = {
        a: tensor(copy),
        b: tensor(own),
        c: tensor(new Float32Array(shared, 0, 4)),
        d: tensor(new Float32Array(shared, 16, 4)),
        e: tensor(empty),
      };
      freeOutputCopies(out, new Set([own.buffer]));
      return calls;
    });
    expect(freed).toEqual([copy.buffer, shared]);
    expect(freed).not.toContain(own.buffer);
  });

  it('does nothing where the runtime has no ArrayBuffer transfer', () => {
    const native = prototype.transfer;
    delete prototype.transfer;
    try {
      expect(() => freeOutputCopies({ a: tensor(new Float32Array(4)) }, new Set())).not.toThrow();
    } finally {
      if (native !== undefined) prototype.transfer = native;
    }
  });
});

describe('TrainStepSession.run frees the output copies', () => {
  const train = async (steps: number) => {
    const g = new GraphBuilder({ seed: 5 });
    const loss = g.mseLoss(g.dense('fc2', g.relu(g.dense('fc1', g.input('x', ['B', 8]), 16)), 2), g.input('y', ['B', 2]));
    const step = await TrainStepSession.create(compileTrainStep(g, { loss, optimizer: { kind: 'adam' } }), { threads: 1, seed: 1 });
    const rng = new Xoshiro128(3);
    const x = Float32Array.from({ length: 64 * 8 }, () => rng.uniform());
    const y = Float32Array.from({ length: 64 * 2 }, () => rng.uniform());
    const losses: number[] = [];
    for (let i = 0; i < steps; i++) losses.push(await step.run({ x: { data: x, dims: [64, 8] }, y: { data: y, dims: [64, 2] } }, 1e-2));
    const parameters = step.parameters();
    await step.release();
    return { losses, parameters };
  };

  it("frees onnxruntime-node's copy of every output each step (1 loss + 4 parameters + 8 Adam states) and trains as before", async () => {
    const plain = await train(5);
    const { freed, result } = await recordingTransfers(async (calls) => ({ freed: calls, result: await train(5) }));
    expect(freed).toHaveLength(5 * 13);
    expect(new Set(freed).size).toBe(freed.length);
    expect(result).toEqual(plain);
  });
});
