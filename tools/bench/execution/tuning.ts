import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSettings, silentLogger } from '@tsforecast/config';
import { builtIsCurrent, libProjects, repositoryRoot } from '@tsforecast/config/testing';
import { buildContainer } from '@tsforecast/app';
import { JobProcessEntry } from '@tsforecast/execution';
import { TrainingService } from '@tsforecast/service';
import type { BenchDatabase } from './bench-database';
import { tuningTimeline, type TuningTimeline } from './tuning-timeline';

/** Options of the tuning scenario. */
export interface TuningBenchOptions {
  data: string;
  model: string;
  horizon: number;
  trials: number;
  maxSteps: number;
  /** Search seeds; each runs with 1 and with 2 local worker slots. */
  seeds: number[];
}

/** One seed's result (printed as its own JSON line). */
interface SeedResult {
  seed: number;
  wall_s_1: number;
  wall_s_2: number;
  wall_ratio: number;
  best_val_mae_1: number;
  best_val_mae_2: number;
  timeline_1: TuningTimeline;
  timeline_2: TuningTimeline;
}

/**
 * Tuning in parallel: `train --models NHITS --search tpe --trials N` through
 * the service (queue, local workers, real job processes) with one local worker
 * slot, then two (the `train-run` job on one, `trial` jobs on the other), per
 * seed. Prints a line per seed (with where each run's time went, see `tuningTimeline`); returns the summary: the median of wall(2) /
 * wall(1) and the best validation MAE of each run (the bar: ≤ 0.6, same or better).
 */
export async function benchTuning(db: BenchDatabase, options: TuningBenchOptions): Promise<Record<string, unknown>> {
  const results: SeedResult[] = [];
  for (const seed of options.seeds) {
    const one = await tuneOnce(db, options, seed, 1);
    const two = await tuneOnce(db, options, seed, 2);
    const result: SeedResult = {
      seed,
      wall_s_1: round(one.wallS),
      wall_s_2: round(two.wallS),
      wall_ratio: round(two.wallS / one.wallS),
      best_val_mae_1: round(one.bestValMae),
      best_val_mae_2: round(two.bestValMae),
      timeline_1: one.timeline,
      timeline_2: two.timeline,
    };
    console.log(JSON.stringify({ bench: 'tuning-seed', model: options.model, trials: options.trials, ...result }));
    results.push(result);
  }
  return {
    bench: 'tuning',
    model: options.model,
    horizon: options.horizon,
    trials: options.trials,
    max_steps: options.maxSteps,
    seeds: results.length,
    wall_ratio_median: round(median(results.map((r) => r.wall_ratio))),
    job_process: builtJobProcess() === undefined ? 'source' : 'built',
    best_val_mae_1: results.map((r) => r.best_val_mae_1),
    best_val_mae_2: results.map((r) => r.best_val_mae_2),
  };
}

/** One search on a fresh experiment with `slots` local worker slots; its wall time and best validation MAE. */
async function tuneOnce(
  db: BenchDatabase,
  options: TuningBenchOptions,
  seed: number,
  slots: number,
): Promise<{ wallS: number; bestValMae: number; timeline: TuningTimeline }> {
  const dir = mkdtempSync(join(tmpdir(), 'tsf-bench-tuning-'));
  const env = {
    DATABASE_URL: db.url,
    MAX_PARALLEL_RUNS: String(slots),
    MODEL_DIR: join(dir, 'models'),
    DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'warn',
  };
  const experiment = `bench-tuning-s${seed}-w${slots}`;
  const app = await buildContainer(loadSettings({ env, cwd: dir }), { logger: silentLogger, tty: false });
  const entry = builtJobProcess();
  // As `cli train` runs (built JS): this process imports the app's sources, whose entry would be its .ts under tsx.
  if (entry !== undefined) app.container.rebindSync<string>(JobProcessEntry).toConstantValue(entry);
  try {
    const started = performance.now();
    const result = await app.container.get(TrainingService).train({
      data: resolve(options.data),
      models: [options.model],
      horizons: [options.horizon],
      experiment,
      outputDir: join(dir, 'out'),
      overrides: { maxSteps: options.maxSteps },
      search: { sampler: 'tpe', trials: options.trials, pruner: 'median', seed },
    });
    const wallS = (performance.now() - started) / 1000;
    const outcome = result.outcomes[0]!;
    if (outcome.status !== 'completed' || outcome.tuning === undefined)
      throw new Error(`tuning with ${slots} slot(s), seed ${seed}: ${outcome.status} ${outcome.error ?? ''}`);
    if (outcome.tuning.finishedTrials !== options.trials)
      throw new Error(
        `tuning with ${slots} slot(s), seed ${seed}: ${outcome.tuning.finishedTrials} trials finished, not ${options.trials}`,
      );
    return { wallS, bestValMae: outcome.tuning.bestValue, timeline: await tuningTimeline(db.database, experiment, slots) };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The app's built job process when every lib's build is current (a job
 * process from the sources under tsx starts ~2 s of CPU slower, once per
 * search and slot: a fixed cost `cli train` does not pay), else undefined
 * (the sources). `BENCH_JOB_PROCESS=source` forces the sources, `=built` the build.
 */
function builtJobProcess(): string | undefined {
  const choice = process.env['BENCH_JOB_PROCESS'];
  if (choice === 'source') return undefined;
  builtLibs ??= choice === 'built' || builtIsCurrent(libProjects(/(^|\/)(fixtures|golden|testing)\//));
  return builtLibs ? join(repositoryRoot, 'libs/app/dist/job-process.js') : undefined;
}

let builtLibs: boolean | undefined;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(x: number): number {
  return Number(x.toFixed(3));
}
