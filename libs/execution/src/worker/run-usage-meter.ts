import type { ProcessUsage } from './child-protocol';

/** RSS samples are taken this often during a run (cheap: one syscall). */
const sampleEveryMs = 100;

/**
 * Measures the CPU time and peak RSS of one window of this process (one run
 * of a job process that runs several). CPU is a plain difference. The kernel
 * keeps only the process's lifetime peak RSS (`maxRSS`), so the window's peak
 * is that value when it grew during the window (the new peak was reached in
 * it), and otherwise the highest RSS sampled every 100 ms in the window — a
 * lower bound that may miss a spike shorter than a sample period. A
 * process's first window starts with the process, so its peak is always exact.
 * @internal
 *
 * @example
 * const meter = new RunUsageMeter();
 * await runTheJob();
 * send({ type: 'done', outcome, usage: meter.stop() });
 */
export class RunUsageMeter {
  private readonly cpuAtStart = process.cpuUsage();
  private readonly maxRssKbAtStart: number;
  private sampledPeak = process.memoryUsage.rss();
  private readonly timer: NodeJS.Timeout;

  /** Starts a window now; `fresh` (the process's first window) counts everything since the process started. */
  constructor(fresh = false) {
    if (fresh) this.cpuAtStart = { user: 0, system: 0 };
    this.maxRssKbAtStart = fresh ? 0 : process.resourceUsage().maxRSS;
    this.timer = setInterval(() => this.sample(), sampleEveryMs).unref();
  }

  /** Ends the window and returns its usage. */
  stop(): ProcessUsage {
    clearInterval(this.timer);
    this.sample();
    const cpu = process.cpuUsage(this.cpuAtStart);
    // resourceUsage().maxRSS is in kilobytes.
    const maxRssKb = process.resourceUsage().maxRSS;
    const peakRssBytes = maxRssKb > this.maxRssKbAtStart ? maxRssKb * 1024 : this.sampledPeak;
    return { cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes };
  }

  private sample(): void {
    this.sampledPeak = Math.max(this.sampledPeak, process.memoryUsage.rss());
  }
}
