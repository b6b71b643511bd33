/**
 * Command-line options of `npm run bench:stats` (see `main.ts` for the protocol).
 */

/** What one benchmark run does. */
export interface BenchOptions {
  datasets: string[];
  /** Our models, by registry name; names not registered are skipped with a note. */
  models: string[];
  /** R methods (keys of `r-forecast.R`); none when `Rscript` is absent. */
  r: string[];
  /** Processes per side (ours and R's). */
  procs: number;
  /** First N series of each dataset (undefined: all). */
  limit?: number;
  /** Recompute R's forecasts instead of reading `.cache/`. */
  rCache: boolean;
  /** Folder of the datasets: `<dataDir>/<name>/train.csv` and `manifest.json`. */
  dataDir: string;
}

export const DEFAULT_DATASETS = ['m3_yearly', 'm3_quarterly', 'tourism_yearly', 'tourism_quarterly', 'm4_hourly', 'air_passengers'];
export const DEFAULT_MODELS = ['AutoETS', 'AutoARIMA', 'AutoTheta', 'AutoCES', 'Ensemble', 'SeasonalNaive'];
export const DEFAULT_R = ['ets', 'auto.arima', 'thetaf', 'snaive'];

export const USAGE = `Usage: npm run bench:stats -- [options]

Holds out the last h points of every series of <data>/<dataset>/train.csv,
fits our statistical models and R's forecast package on the rest (each side in
--procs processes, a contiguous share of the series each), and prints one JSON
line per dataset x method (sMAPE 0-200 and MASE as in M4, wall time), then a
table of ours vs R on stderr.

Options:
  --datasets a,b     datasets (default: ${DEFAULT_DATASETS.join(',')})
  --models A,B       our models by registry name, or 'none' (default: ${DEFAULT_MODELS.join(',')});
                     names not registered yet are skipped with a note
  --r a,b            R methods: ets, auto.arima, thetaf, snaive, meanf, croston, or 'none'
                     (default: ${DEFAULT_R.join(',')}); skipped when Rscript is absent
  --procs N          processes per side (default 2)
  --limit N          only the first N series of each dataset
  --no-r-cache       recompute R's forecasts instead of reading tools/bench/stats/.cache
  --data DIR         datasets folder (default: $TSF_SHARED_DATA or ../shared/data)
  --help             this text
`;

function list(value: string): string[] {
  return value === 'none'
    ? []
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}

function positiveInteger(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`'--${flag}' must be an integer >= 1, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * Parses `argv` (without node and script); `undefined` means `--help`.
 * @throws Error naming an unknown flag or a bad value.
 */
export function parseOptions(argv: readonly string[], defaultDataDir: string): BenchOptions | undefined {
  const options: BenchOptions = {
    datasets: DEFAULT_DATASETS,
    models: DEFAULT_MODELS,
    r: DEFAULT_R,
    procs: 2,
    rCache: true,
    dataDir: defaultDataDir,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`'${flag}' needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return undefined;
      case '--datasets':
        options.datasets = list(value());
        break;
      case '--models':
        options.models = list(value());
        break;
      case '--r':
        options.r = list(value());
        break;
      case '--procs':
        options.procs = positiveInteger('procs', value());
        break;
      case '--limit':
        options.limit = positiveInteger('limit', value());
        break;
      case '--no-r-cache':
        options.rCache = false;
        break;
      case '--data':
        options.dataDir = value();
        break;
      default:
        throw new Error(`unknown option '${flag}'; see --help`);
    }
  }
  return options;
}
