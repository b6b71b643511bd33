export { PinoLogger, createLogger } from './log/pino-logger';
export {
  ProgressReporter,
  TerminalProgressReporter,
  LogProgressReporter,
  createProgressReporter,
  type ProgressTask,
} from './progress/progress-reporter';
export { loggingModule } from './logging-module';
