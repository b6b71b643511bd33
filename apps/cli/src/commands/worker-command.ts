import type { Command } from 'commander';
import { startWorker, workerJobKinds } from '@tsforecast/app';
import { settingsFrom, type GlobalFlags } from '../cli-context';
import { parseChoice, parseNames, parsePositiveInteger } from '../parse-options';

interface WorkerFlags {
  concurrency?: string;
  kinds?: string;
}

/**
 * `worker`: runs queued jobs (train runs, tuning trials) from the database until
 * stopped. Start one on every machine that reaches the database and sees the
 * same data files and MODEL_DIR. Ctrl-C (SIGINT) or SIGTERM: take no more jobs,
 * let the running ones finish; a second signal stops them too (their jobs go
 * back to the queue for another worker). On the embedded server, a worker
 * whose server stops answering exits with code 1 (restarting it restarts the server).
 */
export function registerWorkerCommand(program: Command, globals: () => GlobalFlags): void {
  program
    .command('worker')
    .description('run queued jobs (train runs, trials) until stopped; one child process per job')
    .option('--concurrency <n>', 'jobs at a time (default MAX_PARALLEL_RUNS, at most the core count)')
    .option('--kinds <list>', `job kinds to take, of ${workerJobKinds.join(', ')} (default all)`)
    .action(async (flags: WorkerFlags) => {
      const concurrency = flags.concurrency === undefined ? undefined : parsePositiveInteger('--concurrency', flags.concurrency);
      const kinds =
        flags.kinds === undefined
          ? undefined
          : parseNames('--kinds', flags.kinds).map((kind) => parseChoice('--kinds', kind, workerJobKinds));
      const running = await startWorker(settingsFrom(globals()), { concurrency, kinds });
      process.stderr.write(`worker ${running.worker.workerId}: ${running.concurrency} job(s) at a time; Ctrl-C to stop\n`);
      const stopped = new Promise<void>((resolve, reject) => {
        let signals = 0;
        const stop = () => {
          signals++;
          if (signals === 2) process.stderr.write('stopping the running jobs; they go back to the queue\n');
          else process.stderr.write('finishing the running jobs (Ctrl-C again to stop them)\n');
          running.stop({ cancel: signals > 1 }).then(resolve, reject);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      // The embedded server died: exit (a supervisor or the next command restarts it); the reaper retries the lost jobs.
      const lost = running.databaseLost.then((reason) => {
        throw new Error(`worker ${running.worker.workerId} lost the embedded PostgreSQL server: ${reason}; exiting (restart the worker)`);
      });
      await Promise.race([stopped, lost]);
    });
}
