/**
 * M4 Hourly accuracy check: hold out the last 48 points of every series of
 * `../shared/data/m4_hourly/train.csv`, fit each model with `inputSize = 96`
 * (other hyperparameters at their defaults unless given), and compare sMAPE
 * and MASE (m = 24) with SeasonalNaive. One JSON line per model.
 *
 *   npx tsx tools/bench/train/m4-hourly.ts [--models NHITS,MLP,NBEATS] [--steps 1000] [--scaler identity] [--threads 2]
 */
import path from 'node:path';
import { silentLogger } from '@tsforecast/config';
import { evaluateForecasts, futureTimestamps, holdOut, readCsv } from '@tsforecast/data';
import { neuralModelSpecs, type ScalerType } from '@tsforecast/model';
import { NeuralForecaster } from '@tsforecast/execution';

// The models this benchmark compares, from the one list of neural models.
const SPECS = neuralModelSpecs.filter((s) => ['NHITS', 'MLP', 'NBEATS', 'DLinear', 'NLinear'].includes(s.name));

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const h = 48;
  const m = 24;
  const { frame } = await readCsv(path.resolve(__dirname, '../../../../shared/data/m4_hourly/train.csv'));
  const { train, test } = holdOut(frame, h);
  const naive = {
    seriesIds: train.series.map((s) => s.id),
    mean: train.series.map((s) => Float64Array.from({ length: h }, (_, j) => s.y[s.y.length - m + (j % m)])),
    ds: train.series.map((s) => futureTimestamps(s.ds[s.ds.length - 1], train.frequency, h)),
  };
  const base = evaluateForecasts(test, naive, { train, seasonLength: m, metrics: ['smape', 'mase', 'mae'] }).panel;
  console.log(JSON.stringify({ model: 'SeasonalNaive', smape: base.smape, mase: base.mase, mae: base.mae }));
  for (const name of arg('models', 'NHITS,MLP,NBEATS').split(',')) {
    const spec = SPECS.find((s) => s.name === name);
    if (!spec) throw new Error(`unknown model '${name}'`);
    const steps = arg('steps', '');
    const hp = {
      ...spec.defaults(h, m),
      inputSize: 96,
      scalerType: arg('scaler', 'identity') as ScalerType,
      ...(steps ? { maxSteps: Number(steps) } : {}),
    };
    const model = new NeuralForecaster(spec.build(h, hp), { threads: Number(arg('threads', '2')) });
    const t0 = performance.now();
    await model.fit(train, { logger: silentLogger });
    const fitS = (performance.now() - t0) / 1000;
    const panel = evaluateForecasts(test, await model.predict(train), { train, seasonLength: m, metrics: ['smape', 'mase', 'mae'] }).panel;
    console.log(
      JSON.stringify({
        model: name,
        smape: panel.smape,
        mase: panel.mase,
        mae: panel.mae,
        steps: model.lastFit?.steps,
        scaler: hp.scalerType,
        fit_s: Number(fitS.toFixed(1)),
      }),
    );
    await model.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
