import { watchDatabase } from './database-watch';

describe('watchDatabase', () => {
  it('resolves `lost` once the database has not answered for lostAfterMs, with the last error', async () => {
    let up = true;
    const watch = watchDatabase(() => (up ? Promise.resolve(1) : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5999'))), {
      everyMs: 20,
      lostAfterMs: 200,
    });
    let lost: string | undefined;
    void watch.lost.then((reason) => (lost = reason));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lost).toBeUndefined();
    const down = Date.now();
    up = false;

    const reason = await watch.lost;

    expect(Date.now() - down).toBeGreaterThanOrEqual(180);
    expect(reason).toMatch(/^no answer from the database for \d+ s \(last error: connect ECONNREFUSED 127\.0\.0\.1:5999\)$/);
  });

  it('an answer within lostAfterMs keeps it alive, and stop() ends the watch', async () => {
    let calls = 0;
    // Fails twice in three: never silent for 200 ms.
    const watch = watchDatabase(() => (++calls % 3 === 0 ? Promise.resolve(1) : Promise.reject(new Error('blip'))), {
      everyMs: 20,
      lostAfterMs: 200,
    });
    let lost = false;
    void watch.lost.then(() => (lost = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    watch.stop();
    const callsAtStop = calls;
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(lost).toBe(false);
    expect(calls).toBe(callsAtStop);
  });
});
