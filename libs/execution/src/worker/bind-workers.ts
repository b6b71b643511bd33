import type { ContainerModuleLoadOptions, ResolutionContext } from 'inversify';
import { Logger, Settings, silentLogger } from '@tsforecast/config';
import { Database, RunLeaseStore } from '@tsforecast/db';
import { JobQueue } from '../queue/job-queue';
import { PgBossJobQueue } from '../queue/pg-boss-job-queue';
import { AbandonedRunCleanup } from '../reaper/abandoned-run-cleanup';
import { defaultLostRunLimits, RunReaper } from '../reaper/run-reaper';
import { ChildProcessWorkers, LocalWorkers } from './local-workers';

/**
 * Binds the job queue (pg-boss in the tracking database), the run reaper (with
 * every bound {@link AbandonedRunCleanup}) and the local workers. The app binds `JobProcessEntry`, the module each job
 * process runs.
 */
export function bindQueueAndWorkers(options: ContainerModuleLoadOptions): void {
  const logger = (ctx: ResolutionContext) => ctx.get<Logger>(Logger, { optional: true }) ?? silentLogger;
  options
    .bind<JobQueue>(JobQueue)
    .toDynamicValue((ctx) => new PgBossJobQueue(ctx.get<Database>(Database), logger(ctx)))
    .inSingletonScope();
  options
    .bind<RunReaper>(RunReaper)
    .toDynamicValue(
      (ctx) =>
        new RunReaper(
          ctx.get<RunLeaseStore>(RunLeaseStore),
          ctx.get<JobQueue>(JobQueue),
          logger(ctx),
          lostRunLimits(ctx),
          ctx.getAll<AbandonedRunCleanup>(AbandonedRunCleanup, { optional: true }),
        ),
    )
    .inSingletonScope();
  options.bind<LocalWorkers>(LocalWorkers).to(ChildProcessWorkers).inSingletonScope();
}

/** The reaper's limits: a lease silent for `WORKER_LOST_AFTER_MS` is lost (the defaults where no settings are bound). */
function lostRunLimits(ctx: ResolutionContext) {
  const settings = ctx.get<Settings>(Settings, { optional: true });
  return settings === undefined ? defaultLostRunLimits : { ...defaultLostRunLimits, staleAfterMs: settings.WORKER_LOST_AFTER_MS };
}
