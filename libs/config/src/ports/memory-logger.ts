import type { LogFields, Logger } from './logger';

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields;
}

/** A {@link Logger} that keeps every line in memory, for assertions in tests. */
export class MemoryLogger implements Logger {
  constructor(
    readonly records: LogRecord[] = [],
    private readonly bound: LogFields = {},
  ) {}

  debug(message: string, fields: LogFields = {}): void {
    this.records.push({ level: 'debug', message, fields: { ...this.bound, ...fields } });
  }
  info(message: string, fields: LogFields = {}): void {
    this.records.push({ level: 'info', message, fields: { ...this.bound, ...fields } });
  }
  warn(message: string, fields: LogFields = {}): void {
    this.records.push({ level: 'warn', message, fields: { ...this.bound, ...fields } });
  }
  error(message: string, fields: LogFields = {}): void {
    this.records.push({ level: 'error', message, fields: { ...this.bound, ...fields } });
  }
  child(fields: LogFields): Logger {
    return new MemoryLogger(this.records, { ...this.bound, ...fields });
  }
}
