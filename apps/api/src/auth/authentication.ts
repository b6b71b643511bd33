import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuthenticationError, requireScope, type TokenVerifier } from '@tsforecast/service';
import { bearerTokenOf } from './bearer-token';
import './route-access';

/** Routes that plugins add (Swagger UI's assets) and that are public by nature. */
const pluginRoutePrefixes = ['/docs'];

/**
 * Secure by default: every route must declare `config.access` (checked when
 * it is added, so a forgotten declaration fails startup, not an audit); each
 * request is then checked before its body is parsed.
 */
export function installAuthentication(app: FastifyInstance, verifier: TokenVerifier, metricsToken: string | undefined): void {
  app.addHook('onRoute', (route) => {
    if (route.config?.access !== undefined) return;
    if (pluginRoutePrefixes.some((prefix) => route.url.startsWith(prefix))) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    throw new Error(`route ${String(route.method)} ${route.url} declares no config.access (public, metrics or a scope)`);
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    if (access === 'metrics') {
      if (metricsToken !== undefined) checkMetricsToken(request, metricsToken);
      return;
    }
    request.principal = await verifier.verify(bearerTokenOf(request));
    requireScope(request.principal, access);
  });
}

/** Compares digests in constant time, so the response time says nothing about how much of the token matched. */
function checkMetricsToken(request: FastifyRequest, expected: string): void {
  const given = createHash('sha256').update(bearerTokenOf(request)).digest();
  if (!timingSafeEqual(given, createHash('sha256').update(expected).digest()))
    throw new AuthenticationError('metrics token does not match');
}
