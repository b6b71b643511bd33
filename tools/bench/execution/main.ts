/**
 * Execution benchmarks (`npm run bench:execution`): one JSON line per scenario.
 *
 *   npx tsx tools/bench/execution/main.ts [--scenario queue|parallel|tuning|kill|all] [--admin-url postgres://…/test]
 *
 * - queue:    per-job overhead and jobs/s of empty jobs through pg-boss (`--jobs 300`, `--claimers 4`)
 * - parallel: 8 small training jobs (MLP, NHITS × 4 horizons, AirPassengers, 300 steps) with 2 workers' slots vs 1
 * - tuning:   `train --models NHITS --search tpe --trials 20` (AirPassengers h=12, `--max-steps 100`) with 1 vs 2
 *             local worker slots per seed (`--seeds 1,2,3,4,5`): a JSON line per seed, then the summary
 *             (median wall ratio, best validation MAE of each run)
 * - kill:     30 jobs, 3 worker processes, `kill -9` of a worker 3 times; counts what the kills left behind
 *             (`--runner cli`: `cli worker` processes training MLP/NHITS; `--runner fixture`: sleep jobs, no models;
 *             `--runner cli-embedded`: `cli worker`s on the embedded PostgreSQL server, whose postmaster is killed once;
 *             `--timeout-min 30`: then the line reports what it found, with `timed_out: true`)
 *
 * Each scenario runs on a fresh database on the server of `--admin-url`
 * (default the test server at 127.0.0.1:5432) and drops it afterwards.
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import { benchDatabase, type BenchDatabase } from './bench-database';
import { availableParallelism } from 'node:os';
import { benchKillEmbeddedServer } from './kill-embedded-server';
import { benchKill } from './kill-workers';
import { benchParallel } from './parallel-jobs';
import { benchQueueOverhead } from './queue-overhead';
import { benchTuning } from './tuning';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

type Scenario = (db: BenchDatabase) => Promise<Record<string, unknown>>;

const scenarios: Record<string, Scenario> = {
  queue: (db) => benchQueueOverhead(db, Number(arg('jobs', '300')), Number(arg('claimers', '4'))),
  parallel: (db) =>
    benchParallel(db, {
      data: arg('data', 'apps/cli/assets/air_passengers.csv'),
      models: arg('models', 'MLP,NHITS').split(','),
      horizons: arg('horizons', '6,12,18,24').split(',').map(Number),
      maxSteps: Number(arg('max-steps', '300')),
      cores: Number(arg('cores', String(availableParallelism()))),
      ...(arg('runs-per-process', '') === '' ? {} : { runsPerProcess: Number(arg('runs-per-process', '')) }),
    }),
  tuning: (db) =>
    benchTuning(db, {
      data: arg('data', 'apps/cli/assets/air_passengers.csv'),
      model: arg('models', 'NHITS'),
      horizon: Number(arg('horizon', '12')),
      trials: Number(arg('trials', '20')),
      maxSteps: Number(arg('max-steps', '100')),
      seeds: arg('seeds', '1,2,3,4,5').split(',').map(Number),
    }),
  kill: (db) => (arg('runner', 'cli') === 'cli-embedded' ? benchKillEmbeddedServer(killOptions()) : benchKill(db, killOptions())),
};

function killOptions() {
  return {
    jobs: Number(arg('jobs', '30')),
    workers: Number(arg('workers', '3')),
    kills: Number(arg('kills', '3')),
    killEvery: Number(arg('kill-every', '10')),
    runner: arg('runner', 'cli') === 'fixture' ? ('fixture' as const) : ('cli' as const),
    data: resolve(arg('data', 'apps/cli/assets/air_passengers.csv')),
    models: arg('models', 'MLP,NHITS').split(','),
    maxSteps: Number(arg('max-steps', '100')),
    timeoutMinutes: Number(arg('timeout-min', '30')),
  };
}

async function main(): Promise<void> {
  const chosen = arg('scenario', 'all');
  const names = chosen === 'all' ? Object.keys(scenarios) : [chosen];
  for (const name of names) {
    const scenario = scenarios[name];
    if (scenario === undefined) throw new Error(`'--scenario' must be one of ${Object.keys(scenarios).join(', ')}, all; got '${name}'`);
    const db = await benchDatabase(process.argv.includes('--admin-url') ? arg('admin-url', '') : undefined);
    try {
      console.log(JSON.stringify(await scenario(db)));
    } finally {
      await db.drop();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
