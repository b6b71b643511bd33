import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FitChunk, FitChunkResult } from './fit-chunk';
import type { StatisticalHyperparameters } from './local-statistical-model';
import type { SeriesForecast } from './series-fit';

/** What {@link forecastInWorkers} fits: one model, many series. @internal */
export interface SeriesBatch {
  model: string;
  hyperparameters: StatisticalHyperparameters;
  h: number;
  series: Float64Array[];
}

export interface WorkerOptions {
  threads: number;
  signal?: AbortSignal;
  /** Called with the number of series done so far. */
  onProgress?: (done: number) => void;
}

/**
 * Fits and forecasts every series of `batch` in `threads` worker threads,
 * handing out small chunks (about four per thread) so that uneven series
 * balance. Resolves to `undefined` when no worker could start (e.g. inside a
 * runner that cannot load the worker's source), so the caller fits in-process.
 *
 * @internal
 */
export function forecastInWorkers(batch: SeriesBatch, options: WorkerOptions): Promise<SeriesForecast[] | undefined> {
  const n = batch.series.length;
  const chunkSize = Math.max(1, Math.ceil(n / (options.threads * 4)));
  const chunks: FitChunk[] = [];
  for (let start = 0, index = 0; start < n; start += chunkSize, index++) {
    chunks.push({
      index,
      model: batch.model,
      hyperparameters: batch.hyperparameters,
      h: batch.h,
      series: batch.series.slice(start, start + chunkSize),
    });
  }
  const results: SeriesForecast[][] = new Array(chunks.length);
  const workerCount = Math.min(options.threads, chunks.length);

  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let seriesDone = 0;
    let failedToStart = 0;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(options.signal!.reason));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const dispatch = (worker: Worker) => {
      if (next < chunks.length) worker.postMessage(chunks[next++]);
    };
    for (let i = 0; i < workerCount; i++) {
      const worker = startWorker();
      let ready = false;
      workers.push(worker);
      worker.on('message', (message: 'ready' | FitChunkResult) => {
        if (message === 'ready') {
          ready = true;
          dispatch(worker);
          return;
        }
        results[message.index] = message.forecasts;
        seriesDone += message.forecasts.length;
        options.onProgress?.(seriesDone);
        if (++done === chunks.length) finish(() => resolve(results.flat()));
        else dispatch(worker);
      });
      worker.on('error', (error) => {
        if (ready) finish(() => reject(error));
        // A worker that never started leaves its chunks to the others; none started: fit in-process.
        else if (++failedToStart === workerCount) finish(() => resolve(undefined));
      });
    }
  });
}

/**
 * A worker running `fit-worker`: the compiled `.js` as it is, or — when this
 * file runs as TypeScript source under tsx — through tsx's CommonJS hook, since
 * a worker thread does not inherit the parent's module loader.
 */
function startWorker(): Worker {
  const entry = join(__dirname, `fit-worker${extname(__filename)}`);
  if (extname(__filename) !== '.ts') return new Worker(entry);
  const source = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true });
}
