import { UsageError, type Logger, type Settings } from '@tsforecast/config';
import { LocalWorkers, jobKinds, type JobKind, type Worker } from '@tsforecast/execution';
import { buildContainer } from './build-container';
import { watchDatabase } from './database-watch';

/** A started `cli worker`. */
export interface RunningWorker {
  readonly worker: Worker;
  readonly concurrency: number;
  /**
   * Stops taking jobs and waits for the running ones (`cancel`: stops them;
   * their jobs go back to the queue for another worker), then closes the database.
   */
  stop(options?: { cancel?: boolean }): Promise<void>;
  /**
   * On the embedded server: resolves with a message when the server stopped answering (its postmaster was killed);
   * the worker should then exit, and its restart starts the server again. Never resolves on a `DATABASE_URL` server,
   * whose pool reconnects when the server at that address comes back.
   */
  readonly databaseLost: Promise<string>;
}

/** Options of {@link startWorker}. */
export interface StartWorkerOptions {
  /** Jobs at a time; default MAX_PARALLEL_RUNS capped at the core count. */
  concurrency?: number;
  /** Job kinds to take (`train-run`, `trial`); default all. */
  kinds?: readonly string[];
  logger?: Logger;
}

/**
 * Starts a worker on this machine for the queue in the settings' database:
 * any machine that reaches the database and sees the same data files and
 * model directory can run one. Lost runs are reaped at start and every 30 s.
 *
 * @example
 * const running = await startWorker(loadSettings(), { concurrency: 4 });
 * process.once('SIGTERM', () => running.stop());
 */
export async function startWorker(settings: Settings, options: StartWorkerOptions = {}): Promise<RunningWorker> {
  const kinds = options.kinds?.map(requireJobKind);
  const app = await buildContainer(settings, { logger: options.logger, tty: false });
  try {
    const worker = app.container.get<LocalWorkers>(LocalWorkers).create({ concurrency: options.concurrency, kinds });
    worker.start();
    const watch = app.database.kind === 'embedded' ? watchDatabase(() => app.database.dataSource.query('SELECT 1')) : undefined;
    app.logger.info('worker started', { worker: worker.workerId, concurrency: worker.concurrency, database: app.database.describe() });
    return {
      worker,
      concurrency: worker.concurrency,
      databaseLost: watch?.lost ?? new Promise<string>(() => undefined),
      stop: async (stopOptions = {}) => {
        watch?.stop();
        try {
          await worker.stop(stopOptions);
        } finally {
          await app.close();
        }
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** The job kinds a worker can take, for `--kinds` choices. */
export const workerJobKinds: readonly string[] = jobKinds;

function requireJobKind(kind: string): JobKind {
  if ((jobKinds as readonly string[]).includes(kind)) return kind as JobKind;
  throw new UsageError(`'kinds' (--kinds) must list job kinds among ${jobKinds.join(', ')}; got '${kind}'`);
}
