export { createLogger } from './log/pino-logger';
export { ProgressReporter, type ProgressTask } from './progress/progress-reporter';
export { loggingModule } from './logging-module';
