import { Type, type Static } from '@sinclair/typebox';

/**
 * `GET /health` tells an unauthenticated client only that the service and its
 * database answer — never where the database is or who connects (host, port,
 * name, user belong behind authentication). `additionalProperties: false`
 * makes the serializer drop anything else a handler might add.
 */
export const HealthResponse = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false });
export type HealthResponse = Static<typeof HealthResponse>;

export const ErrorResponse = Type.Object({ statusCode: Type.Number(), error: Type.String(), message: Type.String() });
