import { Type, type Static } from '@sinclair/typebox';

/**
 * `GET /health` tells an unauthenticated client only that the service and its
 * database answer — never where the database is or who connects (host, port,
 * name, user belong behind authentication). `additionalProperties: false`
 * makes the serializer drop anything else a handler might add.
 */
export const HealthResponse = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false });
export type HealthResponse = Static<typeof HealthResponse>;

/** `GET /ready`: each check with its outcome; 503 names the failed ones. */
export const ReadyResponse = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not ready')]),
    checks: Type.Array(
      Type.Object(
        {
          name: Type.Union([Type.Literal('database'), Type.Literal('migrations'), Type.Literal('model-store')]),
          ok: Type.Boolean(),
          detail: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ReadyResponse = Static<typeof ReadyResponse>;
