import { NotFoundError, UsageError } from '@tsforecast/config';

/** SQLSTATE codes we translate (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const foreignKeyViolation = '23503';
const checkViolation = '23514';

/**
 * Turns a constraint violation into the project's error classes, with
 * PostgreSQL's detail (`Key (run_id)=(…) is not present in table "runs".`);
 * anything else is returned unchanged.
 * @internal
 */
export function translateDatabaseError(error: unknown, action: string): unknown {
  const { code, detail, message } = error as { code?: string; detail?: string; message?: string };
  if (code === foreignKeyViolation) return new NotFoundError(`Cannot ${action}: ${detail ?? message}`, { cause: error });
  if (code === checkViolation) return new UsageError(`Cannot ${action}: ${message}`, { cause: error });
  return error;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a uuid (so it can be compared with a uuid column without a cast error). @internal */
export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}
