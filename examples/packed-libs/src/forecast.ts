/**
 * A consumer of the packed libs: trains SeasonalNaive and a small NHITS,
 * saves them, loads them back and forecasts — through the public API of
 * `@tsforecast/config`, `@tsforecast/app` and `@tsforecast/service` only.
 *
 *   node dist/forecast.js <history.csv> <work dir>
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { loadSettings } from '@tsforecast/config';
import { buildContainer, stopDatabaseServer } from '@tsforecast/app';
import { ForecastService, TrainingService } from '@tsforecast/service';

const HORIZON = 12;

async function main(csv: string, workDir: string): Promise<void> {
  const settings = loadSettings({
    flags: {
      DATA_DIR: join(workDir, 'data'),
      MODEL_DIR: join(workDir, 'models'),
      OUTPUT_DIR: join(workDir, 'outputs'),
      LOG_DIR: join(workDir, 'logs'),
      LOG_LEVEL: 'warn',
    },
  });
  const app = await buildContainer(settings, { migrate: true, tty: false });
  try {
    const trained = await app.container.get(TrainingService).train({
      data: csv,
      models: ['SeasonalNaive', 'NHITS'],
      horizons: [HORIZON],
      experiment: 'packed-libs',
      overrides: { maxSteps: 20 },
    });
    for (const outcome of trained.outcomes) {
      if (outcome.status !== 'completed') throw new Error(`training ${outcome.model} failed: ${outcome.error}`);
      process.stdout.write(
        `trained ${outcome.model}: saved as ${outcome.modelRef}, hold-out MAE ${outcome.metrics?.['mae']?.toFixed(3)}\n`,
      );
    }
    const forecasts = app.container.get(ForecastService);
    const seasonal = await forecasts.predict({ model: 'SeasonalNaive', data: csv });
    const seasonalFirst = seasonal.forecast.mean[0]?.[0];
    if (seasonalFirst !== 417)
      throw new Error(`SeasonalNaive's first forecast should be 417 (January 1960 repeated), got ${seasonalFirst}`);
    const neural = await forecasts.predict({ model: 'NHITS', data: csv });
    const neuralPoints = Array.from(neural.forecast.mean[0] ?? []);
    if (neuralPoints.length !== HORIZON || !neuralPoints.every(Number.isFinite)) {
      throw new Error(`NHITS should forecast ${HORIZON} finite points, got [${neuralPoints.join(', ')}]`);
    }
    process.stdout.write(`forecast with ${seasonal.model}: ${Array.from(seasonal.forecast.mean[0]!).join(' ')}\n`);
    process.stdout.write(`forecast with ${neural.model}: ${neuralPoints.map((v) => v.toFixed(1)).join(' ')}\n`);
  } finally {
    await app.close();
    // The embedded server outlives the process by design (CLI, API and workers share it); this run's is a scratch one.
    await stopDatabaseServer(settings);
  }
}

const [csv, workDir] = process.argv.slice(2);
if (csv === undefined || workDir === undefined) {
  process.stderr.write('usage: node dist/forecast.js <history.csv> <work dir>\n');
  process.exit(2);
}
main(csv, workDir).catch((error: unknown) => {
  process.stderr.write(`packed-libs example failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
