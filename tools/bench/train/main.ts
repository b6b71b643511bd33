/**
 * Training-speed benchmark (`npm run bench:train`): one JSON line per model on
 * the synthetic bench panel (100 hourly series × 976 points), h = 24,
 * input 48, robust scaler, 32 series × 1024 windows per step, 500 steps; the
 * last 24 points of each series are held out and scored (MAE).
 *
 *   npx tsx tools/bench/train/main.ts [--models NHITS,MLP] [--steps 500] [--threads 2] [--data path]
 *
 * Each model runs in its own child process so `peak_rss_mb` is that model's.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { silentLogger } from '@tsforecast/config';
import { evaluateForecasts, holdOut, readCsv } from '@tsforecast/data';
import { neuralModelSpecs } from '@tsforecast/model';
import { NeuralForecaster } from '@tsforecast/execution';

const SPECS = neuralModelSpecs;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

async function runOne(name: string): Promise<void> {
  const spec = SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown model '${name}'; known: ${SPECS.map((s) => s.name).join(', ')}`);
  const h = 24;
  const steps = Number(arg('steps', '500'));
  const threads = Number(arg('threads', '2'));
  const file = arg('data', path.resolve(__dirname, '../../../../shared/data/bench_panel/train.csv'));
  const { frame } = await readCsv(file);
  const { train, test } = holdOut(frame, h);
  const hp = {
    ...spec.defaults(h, 24),
    inputSize: 48,
    scalerType: 'robust' as const,
    batchSize: 32,
    windowsBatchSize: 1024,
    maxSteps: steps,
  };
  const model = new NeuralForecaster(spec.build(h, hp), { threads });
  const t0 = performance.now();
  await model.fit(train, { logger: silentLogger });
  const t1 = performance.now();
  const forecast = await model.predict(train);
  const t2 = performance.now();
  const { panel } = evaluateForecasts(test, forecast, { train, metrics: ['mae', 'smape', 'mase'] });
  const line = {
    model: name,
    steps: model.lastFit?.steps,
    steps_per_s: Number(model.lastFit?.stepsPerSecond.toFixed(2)),
    fit_s: Number(((t1 - t0) / 1000).toFixed(2)),
    predict_s: Number(((t2 - t1) / 1000).toFixed(3)),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    mae: Number(panel.mae.toFixed(3)),
    smape: Number(panel.smape.toFixed(3)),
    mase: Number(panel.mase.toFixed(3)),
    threads,
    series: frame.series.length,
  };
  console.log(JSON.stringify(line));
  await model.dispose();
}

async function main(): Promise<void> {
  const single = arg('single', '');
  if (single) return runOne(single);
  const models = arg('models', SPECS.map((s) => s.name).join(',')).split(',');
  for (const name of models) {
    const passThrough = process.argv.slice(2).filter((_, i, a) => !(a[i] === '--models' || a[i - 1] === '--models'));
    await new Promise<void>((resolve, reject) => {
      const child = fork(__filename, ['--single', name, ...passThrough], { execArgv: process.execArgv, stdio: 'inherit' });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`))));
    });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
