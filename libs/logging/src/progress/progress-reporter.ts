import cliProgress from 'cli-progress';
import type { Logger } from '@tsforecast/config';

/** One unit of long work being tracked (a run, a training loop). */
export interface ProgressTask {
  /** Sets the completed amount (0..total) and the fields shown beside it. */
  update(done: number, fields?: Record<string, number | string>): void;
  finish(fields?: Record<string, number | string>): void;
}

/**
 * Shows progress of long work: a bar on a TTY, structured log lines otherwise
 * (at most one line per `intervalMs` per task, plus start and end).
 */
export const ProgressReporter = Symbol('ProgressReporter');
export interface ProgressReporter {
  start(label: string, total: number): ProgressTask;
  /** Stops every bar; call before printing a result to stdout. */
  stop(): void;
}

/** A bar per task on the terminal (stderr). */
export class TerminalProgressReporter implements ProgressReporter {
  private readonly bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: '{label} [{bar}] {percentage}% {value}/{total} {info}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );

  start(label: string, total: number): ProgressTask {
    const bar = this.bars.create(Math.max(total, 1), 0, { label: label.padEnd(28).slice(0, 28), info: '' });
    const render = (fields?: Record<string, number | string>) =>
      fields
        ? Object.entries(fields)
            .map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : v}`)
            .join(' ')
        : '';
    return {
      update: (done, fields) => bar.update(done, { info: render(fields) }),
      finish: (fields) => bar.update(Math.max(total, 1), { info: render(fields) }),
    };
  }

  stop(): void {
    this.bars.stop();
  }
}

/** Progress as log lines, for pipes, CI and files. */
export class LogProgressReporter implements ProgressReporter {
  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 5000,
  ) {}

  start(label: string, total: number): ProgressTask {
    let last = Date.now();
    this.logger.info('progress start', { task: label, total });
    return {
      update: (done, fields = {}) => {
        const now = Date.now();
        if (now - last < this.intervalMs) return;
        last = now;
        this.logger.info('progress', { task: label, done, total, ...fields });
      },
      finish: (fields = {}) => this.logger.info('progress done', { task: label, done: total, total, ...fields }),
    };
  }

  stop(): void {
    // Log lines need no teardown.
  }
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
}

/** A bar when stderr is a terminal, log lines otherwise. */
export function createProgressReporter(logger: Logger, isTty = Boolean(process.stderr.isTTY)): ProgressReporter {
  return isTty ? new TerminalProgressReporter() : new LogProgressReporter(logger);
}
