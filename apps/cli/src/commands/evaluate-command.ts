import type { Command } from 'commander';
import { EvaluationService, metricNames } from '@tsforecast/service';
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
  experiment?: string;
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
    .option('--experiment <name>', 'experiment the cv runs are recorded in (default: the data file name)')
    .option('--output <csv>', 'also write the per-window metrics here')
    .action(async (flags: EvaluateFlags) => {
      const settings = settingsFrom(globals());
      const request = {
        data: flags.data,
        models: parseNames('--models', flags.models),
        horizons: parsePositiveIntegers('--horizons', flags.horizons),
        windows: parsePositiveInteger('--windows', flags.windows),
        stepSize: flags.stepSize === undefined ? undefined : parsePositiveInteger('--step-size', flags.stepSize),
        refit: flags.refit,
        overrides: {
          maxSteps: flags.maxSteps === undefined ? undefined : parsePositiveInteger('--max-steps', flags.maxSteps),
          inputSize: flags.inputSize === undefined ? undefined : parsePositiveInteger('--input-size', flags.inputSize),
        },
        experiment: flags.experiment,
        output: flags.output,
      };
      const result = await withApp(settings, (app) => app.container.get(EvaluationService).evaluate(request));
      const rows = result.rows.map((r) => ({ model: r.model, h: r.horizon, windows: r.windows, refit: String(r.refit), ...r.metrics }));
      printTable(rows, ['model', 'h', 'windows', 'refit', ...metricNames]);
      if (result.output !== undefined) process.stdout.write(`per-window metrics written to ${result.output}\n`);
    });
}
