import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { contiguousShares, shareOf, type BenchDataset } from './datasets';
import type { OurJob, OurJobResult } from './our-worker';

/** Our forecasts of one dataset with one model, and how long they took. */
export interface OurRun {
  mean: Float64Array[];
  /** Wall time from handing out the shares to the last answer (children already started). */
  wallSeconds: number;
  /** The slowest child's fit + predict time. */
  computeSeconds: number;
}

/**
 * `procs` warm child processes (`our-worker.ts`, started once, reused for
 * every dataset and model) so that the timed part is fit + forecast only,
 * like the R side's time without its library load.
 */
export class OurProcessPool {
  private constructor(private readonly children: ChildProcess[]) {}

  /** Starts `procs` children and waits until each has loaded the model registry. */
  static async start(procs: number): Promise<OurProcessPool> {
    const entry = path.join(__dirname, `our-worker${path.extname(__filename)}`);
    const children = await Promise.all(Array.from({ length: procs }, () => new Promise<ChildProcess>((resolve, reject) => {
      const child = fork(entry, [], { execArgv: process.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const onExit = (code: number | null) => reject(new Error(`bench:stats worker exited with ${code} before it was ready`));
      child.once('exit', onExit);
      child.once('error', reject);
      child.once('message', () => {
        child.off('exit', onExit);
        resolve(child);
      });
    })));
    return new OurProcessPool(children);
  }

  /** Fits `model` on every series of `dataset`, a contiguous share per child. */
  async run(dataset: BenchDataset, model: string): Promise<OurRun> {
    const shares = contiguousShares(dataset.train.series.length, this.children.length);
    const started = performance.now();
    const results = await Promise.all(shares.map((share, k) => this.send(this.children[k]!, { model, h: dataset.h, m: dataset.m, frame: shareOf(dataset.train, share) })));
    const wallSeconds = (performance.now() - started) / 1000;
    return { mean: results.flatMap((r) => r.mean), wallSeconds, computeSeconds: Math.max(...results.map((r) => r.computeSeconds)) };
  }

  close(): void {
    for (const child of this.children) child.kill();
  }

  private send(child: ChildProcess, job: OurJob): Promise<{ mean: Float64Array[]; computeSeconds: number }> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${job.model}: bench:stats worker exited with ${code} during the fit`));
      child.once('exit', onExit);
      child.once('message', (result: OurJobResult) => {
        child.off('exit', onExit);
        if ('error' in result) reject(new Error(`${job.model}: ${result.error}`));
        else resolve(result);
      });
      child.send(job);
    });
  }
}
