import 'reflect-metadata';
import { Container } from 'inversify';
import type { Logger, Settings } from '@tsforecast/config';
import { openDatabase, type Database } from '@tsforecast/db';
import { createLogger } from '@tsforecast/logging';
import { layerModules } from './layer-modules';

export interface AppContainer {
  container: Container;
  database: Database;
  logger: Logger;
  /** Closes this process's database connections (the embedded server keeps running). Safe to call twice. */
  close(): Promise<void>;
}

export interface BuildContainerOptions {
  /** Logger to use instead of one made from settings (tests). */
  logger?: Logger;
  /** Draw progress bars (default: when stderr is a TTY). */
  tty?: boolean;
  /** Pending migrations on a server: apply (`true`, what `cli migrate` does), `'leave'` them (`migrate --revert`), or refuse (unset). */
  migrate?: boolean | 'leave';
}

/**
 * The composition root: which implementation serves each token. Opens the
 * database (the embedded PostgreSQL server unless `DATABASE_URL` is set; the embedded one
 * migrates itself) and loads every layer's ContainerModule, bottom to top.
 *
 * @example
 * const app = await buildContainer(loadSettings());
 * const service = app.container.get(TrainingService);
 * await app.close();
 */
export async function buildContainer(settings: Settings, options: BuildContainerOptions = {}): Promise<AppContainer> {
  const logger = options.logger ?? createLogger(settings);
  warnIfGpuSwitchedOff(settings, logger);
  const database = await openDatabase(settings, logger, { migrate: options.migrate });
  const container = new Container();
  try {
    container.loadSync(...layerModules({ settings, database, logger, tty: options.tty }));
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    container,
    database,
    logger,
    close: () => database.close(),
  };
}

/**
 * `DEFAULT_BACKEND=cuda` (env or config) with `ENABLE_GPU` off runs on CPU: the
 * switch wins, so an operator can turn GPUs off without editing the backend;
 * the line says so, so nobody believes a CPU run used the GPU. (The CLI's
 * `--backend` flag is stricter: a usage error.)
 */
function warnIfGpuSwitchedOff(settings: Settings, logger: Logger): void {
  if (settings.DEFAULT_BACKEND === 'cpu' || settings.ENABLE_GPU) return;
  logger.warn(
    `DEFAULT_BACKEND=${settings.DEFAULT_BACKEND} is ignored because ENABLE_GPU=false: running on cpu (set ENABLE_GPU=true to use the GPU)`,
    {
      backend: settings.DEFAULT_BACKEND,
      used: 'cpu',
    },
  );
}
