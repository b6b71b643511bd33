/** How requests are merged. */
export interface MicroBatchOptions {
  /**
   * How long the first request of an idle batcher waits for others (ms). 0:
   * it runs at once; requests that arrive while a run is in flight wait for
   * it and then run together — so batches grow with load and a lone request
   * pays no wait.
   */
  readonly windowMs: number;
  /** Most items in one run; a batch that reaches it runs at once (one request larger than this runs alone). */
  readonly maxItems: number;
  /** Told the item count of every run (the batch-size histogram). */
  readonly onRun?: (items: number) => void;
}

interface Pending<I, O> {
  readonly items: readonly I[];
  resolve(outputs: O[]): void;
  reject(error: unknown): void;
}

/**
 * Merges concurrent requests into one call of `run` (one `session.run` of a
 * model) and splits the outputs back, one per item, in order. One run at a
 * time: while it is in flight, new requests queue and go together next. When
 * a merged run fails, each of its requests is run alone, so an error reaches
 * only the request that causes it.
 *
 * @example
 * const batcher = new MicroBatcher((series: Series[]) => forecastEach(series), { windowMs: 0, maxItems: 1024 });
 * const [a] = await batcher.submit([seriesA]); // merged with whatever else is waiting
 */
export class MicroBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private queuedItems = 0;
  private running = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (items: readonly I[]) => Promise<O[]>,
    private readonly options: MicroBatchOptions,
  ) {}

  /** The outputs of `items`, one per item in order, computed in a run shared with other requests. */
  submit(items: readonly I[]): Promise<O[]> {
    return new Promise<O[]>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.queuedItems += items.length;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running) return;
    if (this.queuedItems >= this.options.maxItems || this.options.windowMs <= 0) {
      this.flush();
    } else {
      this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    }
  }

  private flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || this.queue.length === 0) return;
    const batch = this.take();
    this.running = true;
    void this.execute(batch).finally(() => {
      this.running = false;
      // What queued meanwhile runs now, with no further wait: it has waited a run already.
      if (this.queue.length > 0) this.flush();
    });
  }

  /** Requests from the front of the queue up to `maxItems` items (at least one request). */
  private take(): Pending<I, O>[] {
    let count = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || count + this.queue[n]!.items.length <= this.options.maxItems)) {
      count += this.queue[n]!.items.length;
      n++;
    }
    const batch = this.queue.slice(0, n);
    this.queue = this.queue.slice(n);
    this.queuedItems -= count;
    return batch;
  }

  private async execute(batch: Pending<I, O>[]): Promise<void> {
    if (batch.length === 1) return this.runAlone(batch[0]!);
    let outputs: O[];
    try {
      outputs = await this.runItems(batch.flatMap((p) => p.items));
    } catch {
      // Find the request at fault: each runs alone and gets its own outcome.
      for (const pending of batch) await this.runAlone(pending);
      return;
    }
    let offset = 0;
    for (const pending of batch) {
      pending.resolve(outputs.slice(offset, offset + pending.items.length));
      offset += pending.items.length;
    }
  }

  private async runAlone(pending: Pending<I, O>): Promise<void> {
    try {
      pending.resolve(await this.runItems(pending.items));
    } catch (error) {
      pending.reject(error);
    }
  }

  private async runItems(items: readonly I[]): Promise<O[]> {
    this.options.onRun?.(items.length);
    const outputs = await this.run(items);
    if (outputs.length !== items.length) throw new Error(`a batch run returned ${outputs.length} outputs for ${items.length} items`);
    return outputs;
  }
}
