import { resolve } from 'node:path';
import type { Command } from 'commander';
import { METRIC_NAMES, SeriesReader } from '@tsforecast/data';
import { CrossValidator } from '@tsforecast/execution';
import { ModelRegistry, pickOverrides } from '@tsforecast/model';
import { writeCsv } from '@tsforecast/artifact';
import { parseNames, parsePositiveInteger, parsePositiveIntegers } from '../parse-options';
import { printTable, settingsFrom, withApp, type GlobalFlags } from '../cli-context';
import { DEFAULT_MODELS, SAMPLE_DATA } from './train-command';

interface EvaluateFlags {
  data: string;
  models: string;
  horizons: string;
  windows: string;
  stepSize?: string;
  refit: boolean;
  maxSteps?: string;
  inputSize?: string;
  output?: string;
}

/** `evaluate`: rolling-origin cross-validation (NeuralForecast's `cross_validation`) of each model × horizon. */
export function registerEvaluateCommand(program: Command, globals: () => GlobalFlags): void {
  program
    .command('evaluate')
    .description('cross-validate models on rolling-origin windows and print the mean metrics per model × horizon')
    .option('--data <csv>', 'long-format CSV unique_id,ds,y', SAMPLE_DATA)
    .option('--models <names>', 'comma-separated model names', DEFAULT_MODELS)
    .option('--horizons <list>', 'comma-separated forecast horizons', '12')
    .option('--windows <n>', 'number of cross-validation windows', '3')
    .option('--step-size <n>', 'points between cutoffs (default h)')
    .option('--no-refit', 'fit once before the first cutoff instead of in every window')
    .option('--max-steps <n>', 'training steps of neural models')
    .option('--input-size <n>', 'input window of neural models')
    .option('--output <csv>', 'also write the per-window metrics here')
    .action(async (flags: EvaluateFlags) => {
      const settings = settingsFrom(globals());
      const models = parseNames('--models', flags.models);
      const horizons = parsePositiveIntegers('--horizons', flags.horizons);
      const nWindows = parsePositiveInteger('--windows', flags.windows);
      const hyperparameters: Record<string, unknown> = {};
      if (flags.maxSteps !== undefined) hyperparameters['maxSteps'] = parsePositiveInteger('--max-steps', flags.maxSteps);
      if (flags.inputSize !== undefined) hyperparameters['inputSize'] = parsePositiveInteger('--input-size', flags.inputSize);
      await withApp(settings, async (app) => {
        const { frame } = await app.container.get<SeriesReader>(SeriesReader).read(flags.data);
        const validator = app.container.get<CrossValidator>(CrossValidator);
        const registry = app.container.get<ModelRegistry>(ModelRegistry);
        const rows: Record<string, unknown>[] = [];
        const windowRows: (string | number)[][] = [];
        for (const h of horizons) {
          for (const model of models) {
            const stepSize = flags.stepSize === undefined ? h : parsePositiveInteger('--step-size', flags.stepSize);
            // `--max-steps` / `--input-size` go to the models that have them (as in `train`).
            const applicable = pickOverrides(registry.get(model).defaults(h, frame.seasonLength), hyperparameters);
            const result = await validator.run(model, frame, { h, nWindows, stepSize, refit: flags.refit, hyperparameters: applicable });
            rows.push({ model, h, windows: result.windows.length, refit: String(result.refit), ...result.overall });
            for (const w of result.windows) windowRows.push([model, h, w.index, new Date(w.cutoff[0]!).toISOString(), ...METRIC_NAMES.map((name) => w.evaluation.panel[name] ?? Number.NaN)]);
          }
        }
        printTable(rows, ['model', 'h', 'windows', 'refit', 'mae', 'rmse', 'smape', 'mase']);
        if (flags.output) {
          await writeCsv(resolve(flags.output), ['model', 'horizon', 'window', 'first_cutoff', 'mae', 'mse', 'rmse', 'mape', 'smape', 'mase'], windowRows);
          process.stdout.write(`per-window metrics written to ${flags.output}\n`);
        }
      });
    });
}
