import { ModelSessionCache, type Releasable } from './model-session-cache';

class FakeSession implements Releasable {
  released = 0;
  constructor(readonly key: string) {}
  async release(): Promise<void> {
    this.released++;
  }
}

/** A cache over fake sessions of `bytes` each, counting how often each key was opened. */
function cacheOf(capacity: number, bytes: Record<string, number>) {
  const opened: FakeSession[] = [];
  const cache = new ModelSessionCache<FakeSession>(capacity, async (key) => {
    await new Promise((resolve) => setImmediate(resolve));
    if (!(key in bytes)) throw new Error(`no model ${key}`);
    const session = new FakeSession(key);
    opened.push(session);
    return { value: session, bytes: bytes[key]! };
  });
  return { cache, opened };
}

const keyOf = async (session: FakeSession) => session.key;

describe('ModelSessionCache', () => {
  it('opens a session once for concurrent first requests and reuses it afterwards', async () => {
    const { cache, opened } = cacheOf(100, { a: 10 });
    const keys = await Promise.all(Array.from({ length: 10 }, () => cache.use('a', keyOf)));
    await cache.use('a', keyOf);
    expect(keys).toEqual(Array(10).fill('a'));
    expect(opened).toHaveLength(1);
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 10, hits: 10, misses: 1, evictions: 0 });
  });

  it('evicts the least recently used session past the cap and releases it', async () => {
    const { cache, opened } = cacheOf(25, { a: 10, b: 10, c: 10 });
    await cache.use('a', keyOf);
    await cache.use('b', keyOf);
    await cache.use('a', keyOf); // a is now the most recent: b goes first
    await cache.use('c', keyOf);
    await new Promise((resolve) => setImmediate(resolve));
    const [a, b, c] = opened;
    expect([a!.released, b!.released, c!.released]).toEqual([0, 1, 0]);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 20, evictions: 1 });
    await cache.use('b', keyOf);
    expect(opened).toHaveLength(4); // b reopened
  });

  it('releases an evicted session only after the request using it has finished', async () => {
    const { cache, opened } = cacheOf(15, { a: 10, b: 10 });
    let finish!: () => void;
    const running = cache.use('a', () => new Promise<void>((resolve) => (finish = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await cache.use('b', keyOf); // evicts a while it runs
    expect(opened[0]!.released).toBe(0);
    finish();
    await running;
    expect(opened[0]!.released).toBe(1);
  });

  it('does not keep a failed opening: the next request tries again', async () => {
    const { cache } = cacheOf(100, {});
    await expect(cache.use('x', keyOf)).rejects.toThrow(/no model x/);
    await expect(cache.use('x', keyOf)).rejects.toThrow(/no model x/);
    expect(cache.stats()).toMatchObject({ entries: 0, misses: 2 });
  });

  it('releases everything on clear', async () => {
    const { cache, opened } = cacheOf(100, { a: 10, b: 10 });
    await cache.use('a', keyOf);
    await cache.use('b', keyOf);
    await cache.clear();
    expect(opened.map((s) => s.released)).toEqual([1, 1]);
    expect(cache.stats().entries).toBe(0);
  });
});
