/**
 * Where a train step's time goes: runs `--warmup` + `--steps` train steps of
 * one model on the bench panel with ONNX Runtime profiling on, then prints the
 * time per op type and the slowest nodes (with input shapes) from ORT's trace
 * as JSON lines, counting only the steps after the warm-up.
 *
 *   npx tsx tools/bench/train/profile-step.ts --model NHITS [--steps 20] [--warmup 5] [--scaler robust] [--threads 2] [--top 15] [--keep]
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { readCsv } from '@tsforecast/data';
import { compileTrainStep, TrainStepSession } from '@tsforecast/graph';
import { neuralModelSpecs, type TrainingHyperparameters } from '@tsforecast/model';
import { NeuralForecaster, WindowSampler } from '@tsforecast/execution';

const SPECS = neuralModelSpecs;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

interface TraceEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args?: { op_name?: string; input_type_shape?: Record<string, number[]>[] };
}

async function main(): Promise<void> {
  const name = arg('model', 'NHITS');
  const spec = SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown model '${name}'`);
  const steps = Number(arg('steps', '20'));
  const h = 24;
  const { frame } = await readCsv(arg('data', path.resolve(__dirname, '../../../../shared/data/bench_panel/train.csv')));
  const hp = {
    ...spec.defaults(h, 24),
    inputSize: 48,
    scalerType: arg('scaler', 'robust'),
    batchSize: 32,
    windowsBatchSize: 1024,
  } as TrainingHyperparameters;
  const model = new NeuralForecaster(spec.build(h, hp), {});
  const graph = model.buildGraph();
  const session = await TrainStepSession.create(compileTrainStep(graph.g, { loss: graph.loss, optimizer: { kind: 'adam' } }), {
    threads: Number(arg('threads', '2')),
    profiling: true,
    seed: 1,
  });
  const sampler = new WindowSampler(
    frame.series.map((s) => s.y),
    { inputSize: 48, h, stepSize: 1, startPaddingEnabled: false },
    { batchSize: 32, windowsBatchSize: 1024, seed: 1 },
  );
  const warmup = Number(arg('warmup', '5'));
  let sampleMs = 0;
  let t0 = performance.now();
  for (let i = 0; i < warmup + steps; i++) {
    if (i === warmup) {
      t0 = performance.now();
      sampleMs = 0;
    }
    const s0 = performance.now();
    const b = sampler.next();
    sampleMs += performance.now() - s0;
    await session.run(
      {
        y: { data: b.y, dims: [b.count, 48] },
        mask: { data: b.mask, dims: [b.count, 48] },
        target: { data: b.target, dims: [b.count, h] },
        target_mask: { data: b.targetMask, dims: [b.count, h] },
      },
      1e-3,
    );
  }
  const wallMs = performance.now() - t0;
  (session as unknown as { session: ort.InferenceSession }).session.endProfiling();
  await session.release();
  // onnxruntime-node's endProfiling() returns nothing: take the newest trace in the temp folder.
  const traces = readdirSync(tmpdir())
    .filter((f) => f.startsWith('tsforecast-ort-profile'))
    .map((f) => join(tmpdir(), f));
  const file = traces.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  const events = JSON.parse(readFileSync(file, 'utf8')) as TraceEvent[];
  if (!process.argv.includes('--keep')) rmSync(file);
  // Only the steps after the warm-up ones (the first runs grow ORT's arena and are several times slower).
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => a.ts - b.ts);
  const from = runs[warmup]?.ts ?? 0;
  const byType = new Map<string, number>();
  const byNode = new Map<string, number>();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.ts < from) continue;
    const op = e.args?.op_name ?? '?';
    byType.set(op, (byType.get(op) ?? 0) + e.dur);
    const shapes = (e.args?.input_type_shape ?? []).map((t) => `[${Object.values(t)[0]?.join(',')}]`).join(' ');
    const key = `${e.name.replace(/_kernel_time$/, '')} ${shapes}`;
    byNode.set(key, (byNode.get(key) ?? 0) + e.dur);
  }
  const total = [...byType.values()].reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify({
      model: name,
      steps,
      wall_ms_per_step: wallMs / steps,
      kernel_ms_per_step: total / 1000 / steps,
      sample_ms_per_step: sampleMs / steps,
    }),
  );
  for (const [op, us] of [...byType].sort((a, b) => b[1] - a[1]))
    console.log(JSON.stringify({ op, ms_per_step: +(us / 1000 / steps).toFixed(3), pct: +((100 * us) / total).toFixed(1) }));
  for (const [node, us] of [...byNode].sort((a, b) => b[1] - a[1]).slice(0, Number(arg('top', '15'))))
    console.log(JSON.stringify({ node, ms_per_step: +(us / 1000 / steps).toFixed(3) }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
