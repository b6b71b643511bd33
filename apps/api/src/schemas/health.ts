import { Type, type Static } from '@sinclair/typebox';

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  database: Type.String({ description: 'where runs are tracked (no password)' }),
  uptimeSeconds: Type.Number(),
});
export type HealthResponse = Static<typeof HealthResponse>;

export const ErrorResponse = Type.Object({ statusCode: Type.Number(), error: Type.String(), message: Type.String() });
