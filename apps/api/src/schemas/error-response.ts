import { Type, type Static } from '@sinclair/typebox';

/**
 * Every error body: the status, its name, a message for the client and the
 * request id. For 5xx the message is always `internal error`; the details are
 * in the server log under that request id.
 */
export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer({ minimum: 400, maximum: 599 }),
    error: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
  },
  { additionalProperties: false },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

/** A name or id in a path or query: no control characters (PostgreSQL text cannot hold NUL). */
export function NameText(options: { maxLength: number; description?: string }) {
  return Type.String({ minLength: 1, pattern: '^[^\\u0000-\\u001f]+$', ...options });
}

/** The error statuses every authenticated route can answer. */
export const authErrorResponses = { 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse, 500: ErrorResponse } as const;
