import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { silentLogger } from '@tsforecast/config';
import { TypeOrmResourceStatsStore, TypeOrmRunLeaseStore } from '@tsforecast/db';
import { PgBossJobQueue, RunReaper, Worker, waitForJobs, type TrainRunJob } from '@tsforecast/execution';
import type { BenchDatabase } from './bench-database';

/** Options of the parallel scenario. */
export interface ParallelOptions {
  data: string;
  models: string[];
  horizons: number[];
  maxSteps: number;
  /** Cores the job slots share (ORT threads per job = cores / concurrency). */
  cores: number;
  /** Attempts a job process runs before it is let go (the worker's default when unset; 1: a fresh process per job, as before reuse). */
  runsPerProcess?: number;
}

/**
 * Parallel speed-up: the same jobs (models × horizons, real training in child
 * processes) with one worker slot, then with two; `wall_ratio` = wall(2) /
 * wall(1). Each slot's job gets cores / concurrency ONNX Runtime threads.
 * `cpu_s_*`: the job processes' CPU (their runs' resource statistics);
 * `parent_cpu_s_*`: this process's (the worker, its polling and the bench's);
 * `busy_share_*`: the jobs' attempts' wall time over slots × wall.
 */
export async function benchParallel(db: BenchDatabase, options: ParallelOptions): Promise<Record<string, unknown>> {
  const queue = new PgBossJobQueue(db.database);
  const jobs: TrainRunJob[] = options.horizons.flatMap((horizon) =>
    options.models.map((model) => ({
      requestId: 'bench-parallel',
      experiment: 'bench-parallel',
      dataPath: resolve(options.data),
      fingerprint: createHash('sha256').update(readFileSync(options.data)).digest('hex'),
      model,
      horizon,
      hyperparameters: { maxSteps: options.maxSteps },
      modelDir: '/unused',
    })),
  );
  const wall: Record<number, number> = {};
  const cpu: Record<number, number> = {};
  const processes: Record<number, number> = {};
  const busy: Record<number, number> = {};
  const parentCpu: Record<number, number> = {};
  for (const concurrency of [1, 2]) {
    const ids = await queue.enqueue('train-run', jobs);
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    const worker = workerOf(db, queue, concurrency, options.cores, options.runsPerProcess);
    worker.start();
    const ended = await waitForJobs(queue, 'train-run', ids, { pollMs: 200 });
    wall[concurrency] = (performance.now() - started) / 1000;
    const parent = process.cpuUsage(cpuAtStart);
    parentCpu[concurrency] = (parent.user + parent.system) / 1e6;
    await worker.stop();
    processes[concurrency] = worker.processesStarted;
    const failed = ended.filter((job) => job.state !== 'completed' || job.output?.['status'] !== 'completed');
    if (failed.length > 0) throw new Error(`${failed.length} job(s) did not complete: ${JSON.stringify(failed[0]?.output)}`);
    const stats = await new TypeOrmResourceStatsStore(db.database).forExperiment('bench-parallel');
    const rows = stats.slice(-jobs.length);
    cpu[concurrency] = rows.reduce((sum, row) => sum + row.cpuMs, 0) / 1000;
    // Share of the slots' time spent in a job's attempt (the rest: claims, process starts, idle slots at the end).
    busy[concurrency] = rows.reduce((sum, row) => sum + row.wallMs, 0) / 1000 / (concurrency * wall[concurrency]!);
  }
  await queue.close();
  return {
    bench: 'parallel',
    jobs: jobs.length,
    models: options.models.join(','),
    max_steps: options.maxSteps,
    cores: options.cores,
    wall_s_concurrency_1: round(wall[1]!),
    wall_s_concurrency_2: round(wall[2]!),
    wall_ratio: round(wall[2]! / wall[1]!),
    cpu_s_concurrency_1: round(cpu[1]!),
    cpu_s_concurrency_2: round(cpu[2]!),
    busy_share_concurrency_1: round(busy[1]!),
    busy_share_concurrency_2: round(busy[2]!),
    parent_cpu_s_concurrency_1: round(parentCpu[1]!),
    parent_cpu_s_concurrency_2: round(parentCpu[2]!),
    ...(options.runsPerProcess === undefined ? {} : { runs_per_process: options.runsPerProcess }),
    processes_concurrency_1: processes[1],
    processes_concurrency_2: processes[2],
    load_avg_1m: round(loadavg()[0]!),
  };
}

function workerOf(db: BenchDatabase, queue: PgBossJobQueue, concurrency: number, cores: number, runsPerProcess?: number): Worker {
  const leases = new TypeOrmRunLeaseStore(db.database);
  return new Worker(queue, leases, new TypeOrmResourceStatsStore(db.database), new RunReaper(leases, queue, silentLogger), silentLogger, {
    kinds: ['train-run'],
    concurrency,
    threadsPerJob: Math.max(1, Math.floor(cores / concurrency)),
    entry: join(__dirname, 'train-job-process.ts'),
    backend: 'cpu',
    env: { DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
    pollMs: 200,
    maxRunsPerProcess: runsPerProcess,
  });
}

function round(x: number): number {
  return Number(x.toFixed(2));
}
