export { PinoLogger, createLogger } from './log/pino-logger';
export {
  ProgressReporter,
  TerminalProgressReporter,
  LogProgressReporter,
  createProgressReporter,
  type ProgressTask,
} from './progress/progress-reporter';
export { loggingModule } from './logging-module';
export { RunSink, type FinishedRun } from './tracking/run-sink';
export { MlflowRunSink } from './tracking/mlflow-run-sink';
