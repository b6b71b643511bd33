import { MicroBatcher } from './micro-batcher';

/** A batcher whose run doubles each item after a tick, recording every run's items. */
function doubling(options: { windowMs: number; maxItems: number }, fail?: (item: number) => boolean) {
  const runs: number[][] = [];
  const batcher = new MicroBatcher<number, number>(async (items) => {
    runs.push([...items]);
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (fail !== undefined && items.some(fail)) throw new Error(`bad item in [${items.join(', ')}]`);
    return items.map((x) => 2 * x);
  }, options);
  return { batcher, runs };
}

describe('MicroBatcher', () => {
  it('merges requests that arrive while a run is in flight into one run, and splits the outputs back in order', async () => {
    const { batcher, runs } = doubling({ windowMs: 0, maxItems: 1000 });
    const requests = Array.from({ length: 20 }, (_, i) => [i, 100 + i]);
    const outputs = await Promise.all(requests.map((items) => batcher.submit(items)));
    expect(outputs).toEqual(requests.map((items) => items.map((x) => 2 * x)));
    // The first request runs alone at once; the 19 that queued behind it share the next run.
    expect(runs.map((r) => r.length)).toEqual([2, 38]);
  });

  it('waits windowMs for company when a window is set, so simultaneous requests make one run', async () => {
    const { batcher, runs } = doubling({ windowMs: 2, maxItems: 1000 });
    await Promise.all([batcher.submit([1]), batcher.submit([2]), batcher.submit([3])]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('never merges past maxItems (a larger request runs alone)', async () => {
    const { batcher, runs } = doubling({ windowMs: 1, maxItems: 4 });
    await Promise.all([batcher.submit([1, 2, 3]), batcher.submit([4, 5]), batcher.submit([6, 7, 8, 9, 10]), batcher.submit([11])]);
    expect(runs.every((r) => r.length <= 4 || r.length === 5)).toBe(true);
    expect(runs.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(runs).toContainEqual([6, 7, 8, 9, 10]);
  });

  it('gives an error only to the request that causes it; the others get their outputs', async () => {
    const { batcher } = doubling({ windowMs: 2, maxItems: 1000 }, (x) => x < 0);
    const outcomes = await Promise.allSettled([batcher.submit([1]), batcher.submit([-1, 5]), batcher.submit([3])]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: [2] });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: 'bad item in [-1, 5]' }) });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: [6] });
  });

  it('reports the item count of every run', async () => {
    const sizes: number[] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => items.map((x) => x), {
      windowMs: 1,
      maxItems: 100,
      onRun: (n) => sizes.push(n),
    });
    await Promise.all([batcher.submit([1, 2]), batcher.submit([3])]);
    expect(sizes).toEqual([3]);
  });
});
