import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Container, ContainerModule } from 'inversify';
import { configModule, loadSettings, type Logger, type Settings } from '@tsforecast/config';
import { builtIsCurrent, libProjects, MemoryLogger } from '@tsforecast/config/testing';
import { dataModule } from '@tsforecast/data';
import { graphModule } from '@tsforecast/graph';
import { modelModule } from '@tsforecast/model';
import { dbModule, type Database } from '@tsforecast/db';
import { openTestDatabase } from '@tsforecast/db/testing';
import { hyperparameterModule } from '@tsforecast/hyperparameter';
import { executionModule, JobProcessEntry } from '@tsforecast/execution';
import { artifactModule } from '@tsforecast/artifact';
import { loggingModule } from '@tsforecast/logging';
import { serviceModule } from '../service-module';

/** Every layer's real module up to the service, on a fresh PostgreSQL test database (openTestDatabase), in a fresh temp folder. */
export interface ServiceStack {
  readonly container: Container;
  readonly database: Database;
  readonly logger: MemoryLogger;
  /** The temp folder (data, models, outputs of the test). */
  readonly dir: string;
}

/**
 * Wires every layer up to the service with the real modules, bottom to top.
 * The app's composition list (`layerModules` in `@tsforecast/app`) sits above
 * the service, so this stack keeps its own copy of the lower part; the app's
 * `build-container.spec` checks that the app wires what the services need.
 * Close `database` after the tests.
 *
 * @example
 * const stack = await openServiceStack('tsf-service-');
 * const service = stack.container.get(TrainingService);
 */
export async function openServiceStack(prefix: string): Promise<ServiceStack> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const database = await openTestDatabase();
  // Queue workers' job processes open the same database from the settings.
  const env = { DATA_DIR: join(dir, 'data'), MODEL_DIR: join(dir, 'models'), LOG_LEVEL: 'silent', DATABASE_URL: database.url };
  const settings = loadSettings({ env, cwd: dir });
  const logger = new MemoryLogger();
  const container = new Container();
  container.loadSync(...serviceStackModules(settings, database, logger));
  return { container, database, logger, dir };
}

/**
 * The stack's modules, bottom to top, and the job process queue workers fork
 * (`testing/job-process`, which builds the same stack in the child).
 */
export function serviceStackModules(settings: Settings, database: Database, logger: Logger): ContainerModule[] {
  return [
    configModule(settings),
    dataModule,
    graphModule,
    modelModule,
    dbModule(database),
    hyperparameterModule,
    executionModule,
    artifactModule,
    loggingModule(logger, { tty: false }),
    serviceModule,
    new ContainerModule((options) => {
      options.bind<string>(JobProcessEntry).toConstantValue(jobProcessEntry());
    }),
  ];
}

/**
 * The job process module: the built `dist/testing/job-process.js` when every
 * lib's build is current (it starts ~2 s of CPU faster than the sources under
 * tsx, once per job process), else `job-process.ts` next to this file.
 * `TEST_JOB_PROCESS=source` forces the sources.
 */
function jobProcessEntry(): string {
  const source = join(__dirname, `job-process${extname(__filename)}`);
  if (extname(__filename) !== '.ts' || process.env['TEST_JOB_PROCESS'] === 'source') return source;
  builtLibs ??= builtIsCurrent(libProjects(/(^|\/)(fixtures|golden)\//));
  return builtLibs ? join(__dirname, '../../dist/testing/job-process.js') : source;
}

let builtLibs: boolean | undefined;
