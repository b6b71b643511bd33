// AirPassengers accuracy bar (issue: NHITS MAE <= 17.6 on 1960; NeuralForecast
// 3.0.2 gets 17.59, SeasonalNaive 47.83): train on 1949–1959, h = 12,
// input_size = 24, every other hyperparameter at its default (1000 steps).
// Prints one JSON line per model with the 1960 MAE and the fit time.
// Run: npx tsx tools/bench/accuracy/air-passengers.ts [--models NHITS,MLP] [--threads 2]
import path from 'node:path';
import { silentLogger } from '@tsforecast/config';
import { holdOut, mae, readCsv } from '@tsforecast/data';
import { Container } from 'inversify';
import { ModelRegistry, modelModule } from '@tsforecast/model';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const data = path.resolve(__dirname, '../../..', '../shared/data/air_passengers/full.csv');
  const { frame } = await readCsv(data);
  const { train, test } = holdOut(frame, 12);
  const container = new Container();
  container.loadSync(modelModule);
  const registry = container.get(ModelRegistry);
  for (const name of flag('models', 'NHITS,SeasonalNaive').split(',')) {
    const definition = registry.get(name);
    const overrides = definition.kind === 'neural' ? { inputSize: 24 } : {};
    const model = registry.create(name, 12, 12, overrides);
    const started = performance.now();
    await model.fit(train, { logger: silentLogger });
    const fitSeconds = (performance.now() - started) / 1000;
    const forecast = await model.predict(train);
    console.log(
      JSON.stringify({
        bench: 'air-passengers',
        model: name,
        h: 12,
        input_size: definition.kind === 'neural' ? 24 : null,
        mae: +mae(test.series[0]!.y, forecast.mean[0]!).toFixed(3),
        fit_s: +fitSeconds.toFixed(1),
      }),
    );
  }
}

void main();
