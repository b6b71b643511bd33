import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { Settings } from '@tsforecast/config';
import { tokenDigest } from '@tsforecast/service';

/**
 * Security headers (helmet), CORS only for the origins in `API_CORS_ORIGINS`
 * (none by default: browsers on other origins are refused), and a rate limit
 * of `API_RATE_LIMIT` requests per minute per bearer token (per client address
 * without one), checked before authentication so floods of bad tokens count too.
 *
 * The headers come from `helmet`'s middleware, built once here and run on every
 * request. (`@fastify/helmet` 13 builds the middleware anew for each request:
 * ~7 KB a request that V8 promoted to the old generation, so every scavenge of
 * the API copied megabytes — 10.7 MB promoted in 1,600 `GET /health` against
 * 1.3 MB built once, minor GC 72–132 ms against 11 ms — the largest part of
 * the forecast p99 tail at 200 rps.)
 */
export async function installSecurity(app: FastifyInstance, settings: Settings): Promise<void> {
  const securityHeaders = helmet();
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error === undefined || error instanceof Error ? error : new Error(String(error))),
    ),
  );
  const origins = settings.API_CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  if (origins.length > 0) await app.register(cors, { origin: origins, credentials: false });
  await app.register(rateLimit, {
    max: settings.API_RATE_LIMIT,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`), { statusCode: 429 }),
  });
}

/** A digest of the bearer token (tokens are not kept in memory as keys), else the client address. */
function rateLimitKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return `ip:${request.ip}`;
  return `token:${tokenDigest(header).slice(0, 22)}`;
}
