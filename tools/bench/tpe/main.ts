/**
 * TPE vs random search on standard test functions: median best value after
 * 50/100/200 trials over many seeds, and median ask() latency late in the run.
 *
 *   npm run bench:tpe                                   # 50 seeds × 200 trials, all functions
 *   npm run bench:tpe -- --seeds 10 --functions branin  # quick look
 *   npm run bench:tpe -- --first-seed 50 --seeds 50     # another set of seeds (0–49 by default)
 *
 * Prints one JSON line per function × sampler. Seeds are spread over child
 * processes (--workers, default: CPU count) so that the full run uses every core.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { benchFunctions } from './functions';
import { runSeed, type SeedResult } from './run-seed';

interface Job {
  fn: string;
  sampler: string;
  seed: number;
  trials: number;
  checkpoints: number[];
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

async function child(): Promise<void> {
  process.on('message', (job: Job | 'exit') => {
    if (job === 'exit') process.exit(0);
    void runSeed(job.fn, job.sampler, job.seed, job.trials, job.checkpoints).then((result) => process.send!({ job, result }));
  });
}

async function parent(): Promise<void> {
  const seeds = Number(flag('seeds', '50'));
  const firstSeed = Number(flag('first-seed', '0'));
  const trials = Number(flag('trials', '200'));
  const functions = flag('functions', Object.keys(benchFunctions).join(',')).split(',');
  const samplers = flag('samplers', 'random,tpe').split(',');
  const workers = Math.max(1, Number(flag('workers', String(availableParallelism()))));
  const checkpoints = [50, 100, 200].filter((c) => c <= trials);
  if (!checkpoints.includes(trials)) checkpoints.push(trials);
  for (const fn of functions)
    if (!benchFunctions[fn]) throw new Error(`unknown function '${fn}' (${Object.keys(benchFunctions).join(', ')})`);

  // Longest jobs first (TPE), so that the pool drains evenly.
  const jobs: Job[] = [];
  for (const sampler of [...samplers].reverse())
    for (const fn of functions)
      for (let seed = firstSeed; seed < firstSeed + seeds; seed++) jobs.push({ fn, sampler, seed, trials, checkpoints });
  const results = new Map<string, SeedResult[]>();
  const started = Date.now();
  await Promise.all(
    Array.from({ length: Math.min(workers, jobs.length) }, async () => {
      const proc = fork(__filename, ['--child'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const current = job;
        const result = await new Promise<SeedResult>((resolve, reject) => {
          proc.once('error', reject);
          proc.once('message', (message: { result: SeedResult }) => {
            proc.off('error', reject);
            resolve(message.result);
          });
          proc.send(current);
        });
        const key = `${current.fn}\u0000${current.sampler}`;
        results.set(key, [...(results.get(key) ?? []), result]);
      }
      proc.send('exit');
    }),
  );
  for (const fn of functions) {
    for (const sampler of samplers) {
      const runs = results.get(`${fn}\u0000${sampler}`) ?? [];
      const medianBest: Record<string, number> = {};
      for (const c of checkpoints) medianBest[String(c)] = round(median(runs.map((r) => r.bestAt[String(c)])));
      const line = {
        function: fn,
        sampler,
        seeds: runs.length,
        trials,
        optimum: benchFunctions[fn].optimum,
        median_best: medianBest,
        ask_ms_p50: round(median(runs.flatMap((r) => r.askMs))),
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
  }
  process.stderr.write(`bench:tpe finished in ${((Date.now() - started) / 1000).toFixed(1)} s with ${workers} worker(s)\n`);
}

if (process.argv.includes('--child')) void child();
else
  void parent().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
