import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
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
  /** 1-minute load average of the machine when the run started. */
  load1: number;
}

const ENTRY = path.join(__dirname, `our-worker${path.extname(__filename)}`);

/** A child running `our-worker`, resolved once it has loaded the model registry. */
function startChild(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [], {
      execArgv: process.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const onExit = (code: number | null) => reject(new Error(`bench:stats worker exited with ${code} before it was ready`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', () => {
      child.off('exit', onExit);
      resolve(child);
    });
  });
}

/**
 * `procs` warm child processes (started once, reused for every dataset and
 * model) so that the timed part is fit + forecast only, like the R side's
 * time after its library load. A child that dies (a model crashed it) is
 * replaced before the next run.
 */
export class OurProcessPool {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(procs: number): Promise<OurProcessPool> {
    return new OurProcessPool(await Promise.all(Array.from({ length: procs }, startChild)));
  }

  /**
   * Fits `model` on every series of `dataset`, a contiguous share per child.
   * @throws Error with the model's message when a share failed.
   */
  async run(dataset: BenchDataset, model: string): Promise<OurRun> {
    await this.replaceDead();
    const shares = contiguousShares(dataset.train.series.length, this.children.length);
    const load1 = loadavg()[0]!;
    const started = performance.now();
    const results = await Promise.all(
      shares.map((share, k) => this.send(this.children[k]!, { model, h: dataset.h, m: dataset.m, frame: shareOf(dataset.train, share) })),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    return { mean: results.flatMap((r) => r.mean), wallSeconds, computeSeconds: Math.max(...results.map((r) => r.computeSeconds)), load1 };
  }

  close(): void {
    for (const child of this.children) child.kill();
  }

  private async replaceDead(): Promise<void> {
    for (let k = 0; k < this.children.length; k++) {
      const child = this.children[k]!;
      if (child.exitCode !== null || child.signalCode !== null) this.children[k] = await startChild();
    }
  }

  private send(child: ChildProcess, job: OurJob): Promise<{ mean: Float64Array[]; computeSeconds: number }> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) =>
        reject(new Error(`${job.model}: bench:stats worker exited (${signal ?? code}) during the fit`));
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
