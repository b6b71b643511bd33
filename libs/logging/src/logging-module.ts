import { ContainerModule } from 'inversify';
import { Logger } from '@tsforecast/config';
import { ProgressReporter, createProgressReporter } from './progress/progress-reporter';

/**
 * Binds the process {@link Logger} (created by the app from settings) and a
 * {@link ProgressReporter} (bars on a TTY, log lines otherwise). Run records
 * and their MLflow mirror belong to the service's `RunRecorder`.
 */
export function loggingModule(logger: Logger, options: { tty?: boolean } = {}): ContainerModule {
  return new ContainerModule((bindings) => {
    bindings.bind<Logger>(Logger).toConstantValue(logger);
    bindings.bind<ProgressReporter>(ProgressReporter).toConstantValue(createProgressReporter(logger, options.tty));
  });
}
