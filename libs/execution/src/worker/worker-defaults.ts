import { availableParallelism } from 'node:os';

/** Concurrency and threads a worker uses when not told. */
export interface WorkerDefaults {
  concurrency: number;
  threadsPerJob: number;
}

/**
 * Jobs at a time: `--concurrency` when given, else `MAX_PARALLEL_RUNS` capped
 * at the core count. Threads per job: `ORT_THREADS` when set (> 0), else the
 * cores shared out (at least 1), so N jobs use the machine's N cores instead
 * of N × cores threads fighting over them.
 *
 * @example
 * workerDefaults({ MAX_PARALLEL_RUNS: 4, ORT_THREADS: 0 }, undefined, 8) // { concurrency: 4, threadsPerJob: 2 }
 */
export function workerDefaults(
  settings: { MAX_PARALLEL_RUNS: number; ORT_THREADS: number },
  concurrency?: number,
  cores: number = availableParallelism(),
): WorkerDefaults {
  const jobs = concurrency ?? Math.max(1, Math.min(settings.MAX_PARALLEL_RUNS, cores));
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new RangeError(`'concurrency' must be an integer >= 1, got ${String(concurrency)}`);
  const threadsPerJob = settings.ORT_THREADS > 0 ? settings.ORT_THREADS : Math.max(1, Math.floor(cores / jobs));
  return { concurrency: jobs, threadsPerJob };
}
