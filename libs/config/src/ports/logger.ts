/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/**
 * The logging port every lib writes to. The logging lib binds a pino
 * implementation; tests bind {@link MemoryLogger} from `@tsforecast/config/testing`.
 */
export const Logger = Symbol('Logger');
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
}

/** A logger that writes nothing; the default where none is given. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
