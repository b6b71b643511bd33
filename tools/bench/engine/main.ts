// Engine benchmark: train-step vs forward-only throughput of an NHITS-sized
// stack on ONNX Runtime. Run: npm run bench:engine [-- --threads N --backend cpu|webgpu|cuda]
// Prints JSON lines; the LAST line is the summary object.
import { compileEval, compileTrainStep, EvalSession, Xoshiro128, TrainStepSession, type Backend } from '@tsforecast/graph';
import * as ort from 'onnxruntime-node';
import { loadavg } from 'node:os';
import { buildStack, forwardFlops, parameterCount, type StackSize } from './nhits-stack';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const backend = flag('backend', 'cpu') as Backend;
  const threads = Number(flag('threads', '0'));
  const batch = Number(flag('batch', '1024'));
  const blocksOfSteps = Number(flag('blocks', '5'));
  const stepsPerBlock = Number(flag('steps', '10'));
  const size: StackSize = { blocks: 3, inputSize: 48, horizon: 24, hidden: 512 };

  const { g, loss } = buildStack(size);
  const compileStart = performance.now();
  const compiled = compileTrainStep(g, { loss, optimizer: { kind: 'adam' } });
  const evalCompiled = compileEval(g, { outputs: ['forecast'] });
  const compileMs = performance.now() - compileStart;
  const runtime = { backend, threads };
  const train = await TrainStepSession.create(compiled, runtime);
  const forward = await EvalSession.create(evalCompiled, runtime);

  const rng = new Xoshiro128(42);
  const x = Float32Array.from({ length: batch * size.inputSize }, () => rng.normal());
  const y = Float32Array.from({ length: batch * size.horizon }, () => rng.normal());
  const feeds = {
    insample_y: new ort.Tensor('float32', x, [batch, size.inputSize]),
    outsample_y: new ort.Tensor('float32', y, [batch, size.horizon]),
  };
  const forwardFeeds = { insample_y: feeds.insample_y };

  // Warm-up (ORT allocations, kernel selection, page faults).
  for (let i = 0; i < 3; i++) {
    await train.run(feeds, 1e-3);
    await forward.run(forwardFeeds, train);
  }

  const trainRates: number[] = [];
  const forwardRates: number[] = [];
  const overheads: number[] = [];
  // CPU seconds per step (user + system of this process, ORT threads included): robust when other jobs share the cores.
  const trainCpu: number[] = [];
  const forwardCpu: number[] = [];
  let lastLoss = NaN;
  for (let b = 0; b < blocksOfSteps; b++) {
    train.resetTimings();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < stepsPerBlock; i++) lastLoss = await train.run(feeds, 1e-3);
    const trainMs = performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    trainCpu.push((c1.user + c1.system) / 1e6 / stepsPerBlock);
    const t = train.timings();
    trainRates.push(stepsPerBlock / (trainMs / 1000));
    overheads.push((trainMs - t.runMs) / trainMs);
    const fc0 = process.cpuUsage();
    const f0 = performance.now();
    for (let i = 0; i < stepsPerBlock; i++) await forward.run(forwardFeeds, train);
    forwardRates.push(stepsPerBlock / ((performance.now() - f0) / 1000));
    const fc1 = process.cpuUsage(fc0);
    forwardCpu.push((fc1.user + fc1.system) / 1e6 / stepsPerBlock);
    console.log(
      JSON.stringify({
        block: b,
        train_steps_per_s: trainRates[b],
        forward_per_s: forwardRates[b],
        host_overhead_pct: 100 * overheads[b],
        loss: lastLoss,
      }),
    );
  }

  const fwd = forwardFlops(size, batch);
  const params = parameterCount(size);
  // Train FLOPs: forward + backward (≈ 2× forward matmul FLOPs) + Adam (~12 FLOPs per parameter).
  const trainFlops = 3 * fwd + 12 * params;
  const stepsPerS = median(trainRates);
  const forwardPerS = median(forwardRates);
  const trainGflops = (trainFlops * stepsPerS) / 1e9;
  const forwardGflops = (fwd * forwardPerS) / 1e9;
  const summary = {
    bench: 'engine',
    backend: train.backend,
    threads: threads || 'ort-default',
    batch,
    stack: size,
    parameters: params,
    forward_gflop_per_step: fwd / 1e9,
    train_gflop_per_step: trainFlops / 1e9,
    compile_ms: Math.round(compileMs),
    onnx_train_bytes: compiled.model.length,
    steps_per_s: Number(stepsPerS.toFixed(3)),
    train_gflops: Number(trainGflops.toFixed(2)),
    forward_gflops: Number(forwardGflops.toFixed(2)),
    ratio: Number((trainGflops / forwardGflops).toFixed(3)),
    host_overhead_pct: Number((100 * median(overheads)).toFixed(3)),
    train_gflops_per_cpu_s: Number((trainFlops / median(trainCpu) / 1e9).toFixed(2)),
    forward_gflops_per_cpu_s: Number((fwd / median(forwardCpu) / 1e9).toFixed(2)),
    ratio_cpu: Number((fwd / median(forwardCpu) > 0 ? trainFlops / median(trainCpu) / (fwd / median(forwardCpu)) : NaN).toFixed(3)),
    load_average_1m: Number(loadavg()[0].toFixed(2)),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    final_loss: lastLoss,
  };
  await Promise.all([train.release(), forward.release()]);
  console.log(JSON.stringify(summary));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
