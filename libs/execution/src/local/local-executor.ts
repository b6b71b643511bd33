import { injectable } from 'inversify';

/**
 * Runs independent tasks in this process with at most `concurrency` in flight
 * (`MAX_PARALLEL_RUNS`). Results keep the order of `items`. ONNX Runtime runs
 * its kernels on its own threads, so concurrent async tasks do overlap compute.
 */
@injectable()
export class LocalExecutor {
  async runAll<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`'concurrency' must be an integer >= 1, got ${String(concurrency)}`);
    }
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!, index);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    return results;
  }
}
