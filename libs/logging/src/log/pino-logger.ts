import pino from 'pino';
import type { LogFields, Logger, Settings } from '@tsforecast/config';
import { redactSecrets } from '@tsforecast/config';

/** Adapts a pino logger to the {@link Logger} port; every message passes through {@link redactSecrets}. */
export class PinoLogger implements Logger {
  constructor(private readonly pinoLogger: pino.Logger) {}

  debug(message: string, fields: LogFields = {}): void {
    this.pinoLogger.debug(fields, redactSecrets(message));
  }
  info(message: string, fields: LogFields = {}): void {
    this.pinoLogger.info(fields, redactSecrets(message));
  }
  warn(message: string, fields: LogFields = {}): void {
    this.pinoLogger.warn(fields, redactSecrets(message));
  }
  error(message: string, fields: LogFields = {}): void {
    this.pinoLogger.error(fields, redactSecrets(message));
  }
  child(fields: LogFields): Logger {
    return new PinoLogger(this.pinoLogger.child(fields));
  }
}

/**
 * The process logger from settings: JSON lines (`LOG_FORMAT=json`) or readable
 * text, at `LOG_LEVEL`, written to stderr so that stdout stays for results.
 */
export function createLogger(settings: Pick<Settings, 'LOG_LEVEL' | 'LOG_FORMAT'>, destination: NodeJS.WritableStream = process.stderr): Logger {
  const options: pino.LoggerOptions = {
    level: settings.LOG_LEVEL,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (settings.LOG_FORMAT === 'text') {
    // pino-pretty as a synchronous stream (no worker thread) so lines are not lost on exit.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (o: Record<string, unknown>) => NodeJS.WritableStream;
    const stream = pretty({ destination, colorize: false, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
    return new PinoLogger(pino(options, stream));
  }
  return new PinoLogger(pino(options, destination));
}
