/**
 * Base of every error the project raises on purpose. `exitCode` follows the CLI
 * contract: 2 for usage and configuration errors, 1 for failures while running.
 * Messages name the field, the value and what was expected; they never carry
 * secrets (see {@link redactSecrets}).
 *
 * @example
 * throw new UsageError("'horizon' must be a positive integer, got 0");
 */
export class TsforecastError extends Error {
  readonly exitCode: 1 | 2;

  constructor(message: string, options: { exitCode?: 1 | 2; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Bad arguments or flags given by the user (exit code 2). */
export class UsageError extends TsforecastError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 2 });
  }
}

/** An invalid configuration value (exit code 2). */
export class ConfigError extends TsforecastError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 2 });
  }
}

/** Input data that cannot be used (exit code 2): names file, line, column. */
export class DataError extends TsforecastError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 2 });
  }
}

/** Something that should exist does not (a model id, a run, a file). */
export class NotFoundError extends TsforecastError {
  constructor(message: string, options: { cause?: unknown; exitCode?: 1 | 2 } = {}) {
    super(message, { exitCode: options.exitCode ?? 2, cause: options.cause });
  }
}

/** The request contradicts the current state (a concurrent change, a duplicate): HTTP 409, exit code 2. */
export class ConflictError extends TsforecastError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 2 });
  }
}
