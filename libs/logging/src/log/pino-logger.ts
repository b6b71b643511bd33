import { join } from 'node:path';
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
 * text, at `LOG_LEVEL`, written to stderr so that stdout stays for results;
 * with `LOG_DIR`, every line is also appended as JSON to `<LOG_DIR>/tsforecast.log`.
 */
export function createLogger(
  settings: Pick<Settings, 'LOG_LEVEL' | 'LOG_FORMAT'> & Partial<Pick<Settings, 'LOG_DIR'>>,
  destination: NodeJS.WritableStream = process.stderr,
): Logger {
  const options: pino.LoggerOptions = {
    level: settings.LOG_LEVEL,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  let console: NodeJS.WritableStream = destination;
  if (settings.LOG_FORMAT === 'text') {
    // pino-pretty as a synchronous stream (no worker thread) so lines are not lost on exit.
    const pretty = require('pino-pretty') as (o: Record<string, unknown>) => NodeJS.WritableStream;
    console = pretty({ destination, colorize: false, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
  }
  if (!settings.LOG_DIR) return new PinoLogger(pino(options, console));
  const file = pino.destination({ dest: join(settings.LOG_DIR, 'tsforecast.log'), mkdir: true, sync: true, append: true });
  const level = settings.LOG_LEVEL === 'silent' ? 'fatal' : settings.LOG_LEVEL;
  return new PinoLogger(
    pino(
      options,
      pino.multistream([
        { level, stream: console },
        { level, stream: file },
      ]),
    ),
  );
}
