import { LocalExecutor } from './local-executor';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LocalExecutor', () => {
  it('keeps order and never exceeds the concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await new LocalExecutor().runAll([30, 5, 20, 1, 10], 2, async (ms, i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await delay(ms);
      inFlight--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
  });

  it('rejects a bad concurrency with the value', async () => {
    await expect(new LocalExecutor().runAll([1], 0, async () => 1)).rejects.toThrow("'concurrency' must be an integer >= 1, got 0");
  });
});
