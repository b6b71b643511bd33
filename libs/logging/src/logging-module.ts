import { ContainerModule } from 'inversify';
import { Logger, type Settings } from '@tsforecast/config';
import { ProgressReporter, createProgressReporter } from './progress/progress-reporter';
import { MlflowRunSink } from './tracking/mlflow-run-sink';
import { RunSink } from './tracking/run-sink';

/**
 * Binds the process {@link Logger} (created by the app from settings), a
 * {@link ProgressReporter} (bars on a TTY, log lines otherwise) and, when
 * `ENABLE_MLFLOW` is set, the MLflow {@link RunSink}.
 */
export function loggingModule(logger: Logger, options: { tty?: boolean; settings?: Pick<Settings, 'ENABLE_MLFLOW' | 'MLFLOW_TRACKING_URI'> } = {}): ContainerModule {
  return new ContainerModule((bindings) => {
    bindings.bind<Logger>(Logger).toConstantValue(logger);
    bindings.bind<ProgressReporter>(ProgressReporter).toConstantValue(createProgressReporter(logger, options.tty));
    const settings = options.settings;
    if (settings?.ENABLE_MLFLOW) {
      const uri = settings.MLFLOW_TRACKING_URI ?? 'http://127.0.0.1:5000';
      bindings.bind<RunSink>(RunSink).toConstantValue(new MlflowRunSink(uri, logger));
    }
  });
}

