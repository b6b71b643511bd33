import { resolve, basename, dirname, extname } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '@tsforecast/config';
import {
  TrainingService,
  experimentNameFromFile,
  lossNames,
  metricNames,
  requireExperimentName,
  scalerTypes,
  type SearchRequest,
} from '@tsforecast/service';
import { parseChoice, parseNames, parsePositiveInteger, parsePositiveIntegers, parsePositiveNumber } from '../parse-options';
import { printTable, settingsFrom, withApp, type GlobalFlags } from '../cli-context';

/** The bundled sample: AirPassengers, 144 monthly points (public domain). */
export const SAMPLE_DATA = resolve(__dirname, '../../assets/air_passengers.csv');
export const DEFAULT_MODELS = 'SeasonalNaive,Naive,HistoricAverage,RandomWalkWithDrift';

interface TrainFlags {
  data: string;
  models: string;
  horizons: string;
  outputDir?: string;
  experiment?: string;
  freq?: string;
  seasonLength?: string;
  maxSteps?: string;
  inputSize?: string;
  scaler?: string;
  loss?: string;
  rankBy: string;
  search?: string;
  trials?: string;
  timeout?: string;
  pruner?: string;
  searchSeed?: string;
  /** false with `--no-local-workers`. */
  localWorkers: boolean;
}

/** `--search` and its companions; undefined without `--search` (the others then are usage errors). */
export function parseSearch(flags: Pick<TrainFlags, 'search' | 'trials' | 'timeout' | 'pruner' | 'searchSeed'>): SearchRequest | undefined {
  if (flags.search === undefined) {
    for (const [flag, value] of [
      ['--trials', flags.trials],
      ['--timeout', flags.timeout],
      ['--pruner', flags.pruner],
      ['--search-seed', flags.searchSeed],
    ] as const) {
      if (value !== undefined) throw new UsageError(`'${flag}' needs '--search tpe|random|grid', got ${flag} ${value} alone`);
    }
    return undefined;
  }
  return {
    sampler: parseChoice('--search', flags.search, ['tpe', 'random', 'grid'] as const),
    trials: parsePositiveInteger('--trials', flags.trials ?? '20'),
    timeoutSeconds: flags.timeout === undefined ? undefined : parsePositiveNumber('--timeout', flags.timeout),
    pruner: parseChoice('--pruner', flags.pruner ?? 'median', ['median', 'sha', 'none'] as const),
    seed: flags.searchSeed === undefined ? undefined : parsePositiveInteger('--search-seed', flags.searchSeed),
  };
}

export function registerTrainCommand(program: Command, globals: () => GlobalFlags): void {
  program
    .command('train')
    .description('fit every model × horizon on the training part, score the hold-out (last h points), track runs and write a leaderboard')
    .option('--data <csv>', 'long-format CSV unique_id,ds,y', SAMPLE_DATA)
    .option('--models <names>', 'comma-separated model names (see `models`)', DEFAULT_MODELS)
    .option('--horizons <list>', 'comma-separated forecast horizons', '12')
    .option('--output-dir <dir>', 'where leaderboard.csv, predictions.csv and summary.json go (default <OUTPUT_DIR>/<experiment>)')
    .option('--experiment <name>', 'experiment name (default: the data file name)')
    .option('--freq <freq>', "override the inferred frequency ('H', 'D', 'W', 'M', 'Q', 'Y', '15min', ...)")
    .option('--season-length <m>', 'override the inferred season length')
    .option('--max-steps <n>', 'training steps of neural models')
    .option('--input-size <n>', 'input window of neural models (default 2·h)')
    .option('--scaler <type>', `temporal scaler of neural models: ${scalerTypes.join('|')}`)
    .option('--loss <name>', `training loss of neural models: ${lossNames.join('|')}`)
    .option('--rank-by <metric>', `leaderboard metric: ${metricNames.join('|')}`, 'mae')
    .option('--search <sampler>', 'tune each neural model first: tpe|random|grid (study <experiment>/<model>/h<h>, resumable)')
    .option('--trials <n>', 'finished trials per model × horizon in total, resumed studies included (with --search; default 20)')
    .option('--timeout <seconds>', 'stop starting trials after this many seconds per model × horizon (with --search)')
    .option('--pruner <name>', 'prune trials on their validation loss: median|sha|none (with --search; default median)')
    .option('--search-seed <n>', 'sampler seed of a new study (with --search; default drawn and stored)')
    .option('--no-local-workers', 'only queue the runs and wait: `cli worker` processes (on this or other machines) run them')
    .action(async (flags: TrainFlags) => {
      const settings = settingsFrom(globals());
      const experiment = flags.experiment ?? experimentNameFromFile(basename(flags.data, extname(flags.data)));
      requireExperimentName(experiment);
      const request = {
        data: flags.data,
        models: parseNames('--models', flags.models),
        horizons: parsePositiveIntegers('--horizons', flags.horizons),
        experiment,
        // Default <OUTPUT_DIR>/<experiment>; the service creates and checks it before any work.
        outputDir: flags.outputDir,
        frequency: flags.freq,
        seasonLength: flags.seasonLength === undefined ? undefined : parsePositiveInteger('--season-length', flags.seasonLength),
        overrides: {
          maxSteps: flags.maxSteps === undefined ? undefined : parsePositiveInteger('--max-steps', flags.maxSteps),
          inputSize: flags.inputSize === undefined ? undefined : parsePositiveInteger('--input-size', flags.inputSize),
          scalerType: flags.scaler,
          loss: flags.loss,
        },
        rankBy: flags.rankBy as 'mae',
        search: parseSearch(flags),
        localWorkers: flags.localWorkers,
      };
      if (!flags.localWorkers) {
        process.stderr.write(`--no-local-workers: the runs go to the queue; waiting for \`cli worker\` processes to run them\n`);
      }
      const result = await withApp(settings, (app) => app.container.get(TrainingService).train(request));
      const rows = result.outcomes.map((o) => ({ model: o.model, h: o.horizon, status: o.status, ...o.metrics, error: o.error ?? '' }));
      printTable(rows, ['model', 'h', 'status', ...metricNames, 'fit_seconds', 'error']);
      if (request.search) {
        for (const o of result.outcomes.filter((x) => x.tuning)) {
          const t = o.tuning!;
          process.stdout.write(
            `study ${t.studyName}: ${t.newTrials} new trial(s), ${t.finishedTrials} finished; ` +
              `best trial ${t.bestTrial} (val mae ${t.bestValue.toFixed(3)}) ${JSON.stringify(t.bestParams)}\n`,
          );
        }
      }
      for (const b of result.best) process.stdout.write(`best for h=${b.horizon}: ${b.model} (${request.rankBy} ${b.score.toFixed(3)})\n`);
      process.stdout.write(`experiment '${result.experiment}' · outputs in ${dirname(result.outputs.leaderboard)}\n`);
      if (result.outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
    });
}
