import type { Logger, Settings } from '@tsforecast/config';
import { startWorker, type RunningWorker } from '@tsforecast/app';

/**
 * The workers that run `POST /jobs` in the API process, so a lone `nx serve
 * api` runs its own jobs: `API_LOCAL_WORKERS` jobs at a time (unset:
 * MAX_PARALLEL_RUNS, capped at the core count), each in a child process;
 * none when it is 0 (then `cli worker`s run them). Stop it when the app closes:
 * it waits for the runs it started.
 */
export async function startApiWorkers(settings: Settings, logger: Logger): Promise<RunningWorker | undefined> {
  if (settings.API_LOCAL_WORKERS === 0) {
    logger.info('no local workers (API_LOCAL_WORKERS=0): `cli worker` runs the training jobs');
    return undefined;
  }
  return startWorker(settings, { logger, concurrency: settings.API_LOCAL_WORKERS });
}
