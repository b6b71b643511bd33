/** Something the cache holds that owns native memory (an ONNX session) until released. */
export interface Releasable {
  release(): Promise<void>;
}

/** What opening an entry gives: the value and the bytes it is charged against the cap. */
export interface OpenedEntry<T extends Releasable> {
  readonly value: T;
  readonly bytes: number;
}

/** Counters for `/metrics`. */
export interface SessionCacheStats {
  /** Entries held now. */
  readonly entries: number;
  /** Bytes charged by the entries held now. */
  readonly bytes: number;
  readonly capacityBytes: number;
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
}

interface Entry<T extends Releasable> {
  readonly opened: Promise<OpenedEntry<T>>;
  bytes: number;
  /** Callers inside `use` now: an evicted entry is released when the last one leaves. */
  users: number;
  evicted: boolean;
}

/**
 * Cached ONNX sessions, one per model version id: opened once (concurrent
 * first requests share one opening), reused across requests, least recently
 * used evicted past `capacityBytes`. An evicted session is released once the
 * requests using it have finished, never under a running `session.run`. An
 * entry larger than the whole cap is still served (the cache never refuses a
 * model), and evicts everything else.
 *
 * @example
 * const cache = new ModelSessionCache(512 * 2 ** 20, (id) => openRunner(id));
 * const forecast = await cache.use(version.id, (runner) => runner.forecast(frame));
 */
export class ModelSessionCache<T extends Releasable> {
  /** Insertion order is recency: a hit moves its key to the end. */
  private readonly entries = new Map<string, Entry<T>>();
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(
    readonly capacityBytes: number,
    private readonly open: (key: string) => Promise<OpenedEntry<T>>,
  ) {}

  /** Runs `work` with the cached value of `key`, opening it on a miss. A failed opening is not cached. */
  async use<R>(key: string, work: (value: T) => Promise<R>): Promise<R> {
    const entry = this.entry(key);
    entry.users++;
    try {
      const { value } = await entry.opened;
      return await work(value);
    } finally {
      entry.users--;
      if (entry.evicted && entry.users === 0) await this.release(entry);
    }
  }

  stats(): SessionCacheStats {
    let bytes = 0;
    for (const entry of this.entries.values()) bytes += entry.bytes;
    return {
      entries: this.entries.size,
      bytes,
      capacityBytes: this.capacityBytes,
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
    };
  }

  /** Releases every entry (on shutdown); entries in use are released when their last user leaves. */
  async clear(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((entry) => this.evict(entry)));
  }

  private entry(key: string): Entry<T> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    this.misses++;
    const opened = this.open(key);
    const entry: Entry<T> = { opened, bytes: 0, users: 0, evicted: false };
    this.entries.set(key, entry);
    opened.then(
      (result) => {
        entry.bytes = result.bytes;
        this.shrink(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry;
  }

  /** Evicts least recently used entries (never `keep`, the one just opened) until the held bytes fit the cap. */
  private shrink(keep: string): void {
    let held = this.stats().bytes;
    for (const [key, entry] of this.entries) {
      if (held <= this.capacityBytes) return;
      if (key === keep || entry.bytes === 0) continue;
      this.entries.delete(key);
      held -= entry.bytes;
      this.evictions++;
      void this.evict(entry);
    }
  }

  private async evict(entry: Entry<T>): Promise<void> {
    entry.evicted = true;
    if (entry.users === 0) await this.release(entry);
  }

  private async release(entry: Entry<T>): Promise<void> {
    try {
      await (await entry.opened).value.release();
    } catch {
      // An opening that failed has nothing to release; a release error leaves nothing to retry.
    }
  }
}
