import type { ContainerModule } from 'inversify';
import { configModule, type Logger, type Settings } from '@tsforecast/config';
import { dataModule } from '@tsforecast/data';
import { graphModule } from '@tsforecast/graph';
import { modelModule } from '@tsforecast/model';
import { dbModule, type Database } from '@tsforecast/db';
import { hyperparameterModule } from '@tsforecast/hyperparameter';
import { executionModule } from '@tsforecast/execution';
import { artifactModule } from '@tsforecast/artifact';
import { loggingModule } from '@tsforecast/logging';
import { serviceModule, servingModule } from '@tsforecast/service';
import { jobProcessModule } from './job-process-module';

/** What the layers' modules are made from. */
export interface LayerModuleInputs {
  readonly settings: Settings;
  readonly database: Database;
  readonly logger: Logger;
  /** Draw progress bars (default: when stderr is a TTY). */
  readonly tty?: boolean;
}

/**
 * Every layer's ContainerModule, bottom to top (config → … → service, then
 * the app's own: the job process workers fork): the
 * composition list. `buildContainer` loads it for the apps; tests that need
 * the wiring users get load it too (`@tsforecast/app/testing`).
 *
 * @example
 * const container = new Container();
 * container.loadSync(...layerModules({ settings, database, logger }));
 */
export function layerModules(inputs: LayerModuleInputs): ContainerModule[] {
  return [
    configModule(inputs.settings),
    dataModule,
    graphModule,
    modelModule,
    dbModule(inputs.database),
    hyperparameterModule,
    executionModule,
    artifactModule,
    loggingModule(inputs.logger, { tty: inputs.tty }),
    serviceModule,
    servingModule,
    jobProcessModule,
  ];
}
