import { MemoryLogger } from '@tsforecast/config/testing';
import { LogProgressReporter, createProgressReporter, TerminalProgressReporter } from './progress-reporter';

describe('LogProgressReporter', () => {
  it('logs start, throttled updates and the end with fields', () => {
    const logger = new MemoryLogger();
    const reporter = new LogProgressReporter(logger, 0);
    const task = reporter.start('NHITS h=12', 100);
    task.update(50, { loss: 0.5 });
    task.finish({ loss: 0.1 });
    expect(logger.records.map((r) => r.message)).toEqual(['progress start', 'progress', 'progress done']);
    expect(logger.records[1].fields).toMatchObject({ task: 'NHITS h=12', done: 50, total: 100, loss: 0.5 });
  });

  it('drops updates inside the interval', () => {
    const logger = new MemoryLogger();
    const task = new LogProgressReporter(logger, 60_000).start('x', 10);
    task.update(1);
    task.update(2);
    expect(logger.records.filter((r) => r.message === 'progress')).toHaveLength(0);
  });

  it('chooses bars only on a TTY', () => {
    expect(createProgressReporter(new MemoryLogger(), false)).toBeInstanceOf(LogProgressReporter);
    const tty = createProgressReporter(new MemoryLogger(), true);
    expect(tty).toBeInstanceOf(TerminalProgressReporter);
    tty.stop();
  });
});
