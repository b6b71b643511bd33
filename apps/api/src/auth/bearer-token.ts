import type { FastifyRequest } from 'fastify';
import { AuthenticationError } from '@tsforecast/service';

/** The token of `Authorization: Bearer <token>`; a missing or other-scheme header is an AuthenticationError. */
export function bearerTokenOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') throw new AuthenticationError('missing bearer token (Authorization: Bearer <token>)');
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (match === null) throw new AuthenticationError('Authorization header must be "Bearer <token>"');
  return match[1]!;
}
