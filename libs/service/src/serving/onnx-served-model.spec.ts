import { MAX_PART_SERIES, partCount, WORKER_MIN_SERIES } from './onnx-served-model';

// How a large request is split over the session workers: one part per worker, a multiple of the workers for very
// large requests, never parts too small to leave the JavaScript thread.
describe('partCount', () => {
  it.each([
    [1000, 2, 2],
    [1000, 4, 4],
    [700, 3, 3],
    [2 * WORKER_MIN_SERIES, 2, 2],
    [2 * WORKER_MIN_SERIES - 1, 2, 1],
    [5 * WORKER_MIN_SERIES, 8, 5],
    [1, 4, 1],
    [2 * MAX_PART_SERIES, 2, 2],
    [2 * MAX_PART_SERIES + 1, 2, 4],
    [10_000, 2, 6],
    [10_000, 1, 5],
  ])('%i series on %i workers: %i parts', (count, workers, parts) => {
    expect(partCount(count, workers)).toBe(parts);
  });

  it('never makes a part over MAX_PART_SERIES or, with more than one part, under WORKER_MIN_SERIES', () => {
    for (const workers of [1, 2, 3, 4]) {
      for (let count = 1; count < 20_000; count += 97) {
        const parts = partCount(count, workers);
        expect(Math.ceil(count / parts)).toBeLessThanOrEqual(MAX_PART_SERIES);
        if (parts > 1) expect(Math.floor(count / parts)).toBeGreaterThanOrEqual(WORKER_MIN_SERIES);
      }
    }
  });
});
