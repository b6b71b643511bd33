import { ConfigError, ConflictError, DataError, NotFoundError, UsageError } from '@tsforecast/config';
import { AuthenticationError, PermissionError } from '@tsforecast/service';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The project's error classes and their HTTP status; the first class an error is an instance of wins. */
const statusByClass: readonly (readonly [ErrorClass, number])[] = [
  [AuthenticationError, 401],
  [PermissionError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [DataError, 422],
  [UsageError, 400],
  [ConfigError, 400],
];

/**
 * The status to answer for `error`: the project's classes by the table above,
 * request validation 422, a 4xx Fastify or a plugin already chose (413 body too
 * large, 415, 429 …) as it is; anything else is an internal error (500).
 */
export function errorStatus(error: unknown): number {
  for (const [errorClass, status] of statusByClass) if (error instanceof errorClass) return status;
  const { validation, statusCode } = error as { validation?: unknown; statusCode?: unknown };
  if (validation !== undefined) return 422;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return statusCode;
  return 500;
}
