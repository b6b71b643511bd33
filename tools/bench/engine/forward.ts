// Plain ONNX Runtime forward of the engine benchmark's NHITS-sized stack,
// exported as an inference model (weights as initializers): median / min / max
// per run for 1 and 2 intra-op threads, with ORT's thread spinning on and off.
// Run: npx tsx tools/bench/engine/forward.ts
import * as ort from 'onnxruntime-node';
import { exportInference } from '@tsforecast/graph';
import { buildStack, forwardFlops } from './nhits-stack';

async function main(): Promise<void> {
  const size = { blocks: 3, inputSize: 48, horizon: 24, hidden: 512 };
  const batch = 1024;
  const gflop = forwardFlops(size, batch) / 1e9;
  const { g } = buildStack(size);
  const model = exportInference(g, {});
  const x = new ort.Tensor(
    'float32',
    Float32Array.from({ length: batch * size.inputSize }, (_, i) => Math.sin(i)),
    [batch, size.inputSize],
  );
  for (const threads of [1, 2]) {
    for (const spinning of ['1', '0']) {
      const session = await ort.InferenceSession.create(model.bytes, {
        intraOpNumThreads: threads,
        graphOptimizationLevel: 'all',
        extra: { session: { intra_op: { allow_spinning: spinning } } },
      });
      for (let i = 0; i < 5; i++) await session.run({ insample_y: x });
      const ms: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        await session.run({ insample_y: x });
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      const median = ms[Math.floor(ms.length / 2)]!;
      console.log(
        JSON.stringify({
          bench: 'engine-forward',
          threads,
          spinning: spinning === '1',
          median_ms: +median.toFixed(2),
          min_ms: +ms[0]!.toFixed(2),
          max_ms: +ms[ms.length - 1]!.toFixed(2),
          gflops_at_median: +(gflop / (median / 1000)).toFixed(1),
        }),
      );
      await session.release();
    }
  }
}

void main();
