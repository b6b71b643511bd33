import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TsforecastError } from '@tsforecast/config';
import type { RuntimeOptions } from '@tsforecast/graph';
import type { SessionWorkerData, SessionWorkerFeed, SessionWorkerReply } from './onnx-worker-protocol';

interface PendingRun {
  resolve(outputs: Record<string, Float32Array>): void;
  reject(error: unknown): void;
}

interface SessionWorker {
  readonly worker: Worker;
  readonly pending: Map<number, PendingRun>;
}

/**
 * `size` worker threads, each holding its own ORT session of the same model
 * bytes (one intra-op thread each), so that the runs of one large request
 * use every core while the JavaScript thread validates and formats the other
 * parts. Inputs and outputs are transferred, not copied. A run goes to the
 * worker with the fewest runs in flight. A worker that dies fails its runs;
 * the pool then counts as broken ({@link broken}) and the caller runs inline.
 *
 * @internal
 */
export class OnnxWorkerPool {
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(private readonly workers: SessionWorker[]) {
    for (const w of workers) {
      const fail = (error: Error) => {
        this.failure ??= error;
        for (const run of w.pending.values()) run.reject(error);
        w.pending.clear();
      };
      w.worker.on('error', fail);
      w.worker.on('exit', (code) => fail(new TsforecastError(`an ONNX session worker exited (code ${code})`)));
    }
  }

  /** Starts `size` workers and waits until each has opened its session. */
  static async start(onnx: Uint8Array, runtime: RuntimeOptions, size: number): Promise<OnnxWorkerPool> {
    const workers = Array.from({ length: size }, () => startWorker({ onnx, runtime }));
    try {
      await Promise.all(workers.map(ready));
    } catch (error) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw error;
    }
    return new OnnxWorkerPool(workers.map((worker) => listen(worker)));
  }

  get size(): number {
    return this.workers.length;
  }

  /** The first error of a worker (it died, or its thread threw), if any. */
  get broken(): Error | undefined {
    return this.failure;
  }

  /** One `session.run` on the least busy worker; the feeds' buffers are transferred (unusable here afterwards). */
  run(feeds: Record<string, SessionWorkerFeed>): Promise<Record<string, Float32Array>> {
    if (this.failure) return Promise.reject(this.failure);
    const target = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      const transfer = Object.values(feeds).map((f) => f.data.buffer as ArrayBuffer);
      target.worker.postMessage({ id, feeds }, transfer);
    });
  }

  /** Stops every worker (their sessions go with them); runs in flight fail. */
  async close(): Promise<void> {
    this.failure ??= new TsforecastError('the ONNX session workers were released');
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

function listen(worker: Worker): SessionWorker {
  const pending = new Map<number, PendingRun>();
  worker.on('message', (reply: SessionWorkerReply) => {
    const run = pending.get(reply.id);
    if (run === undefined) return;
    pending.delete(reply.id);
    if (reply.error !== undefined) run.reject(new TsforecastError(`ONNX Runtime failed in a session worker: ${reply.error}`));
    else run.resolve(reply.outputs);
  });
  return { worker, pending };
}

/** Resolves when the worker has opened its session; rejects when it cannot. */
function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: 'ready' | { failed: string }) => {
      worker.off('error', onError);
      worker.off('message', onMessage);
      if (message === 'ready') resolve();
      else reject(new TsforecastError(`an ONNX session worker could not open the model: ${message.failed}`));
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
  });
}

/**
 * A worker running `onnx-session-worker`: the compiled `.js` as it is, or — when
 * this file runs as TypeScript source (tsx, jest) — through tsx's CommonJS hook,
 * since a worker thread does not inherit the parent's module loader.
 */
function startWorker(data: SessionWorkerData): Worker {
  const entry = join(__dirname, `onnx-session-worker${extname(__filename)}`);
  if (extname(__filename) !== '.ts') return new Worker(entry, { workerData: data });
  const source = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true, workerData: data });
}
