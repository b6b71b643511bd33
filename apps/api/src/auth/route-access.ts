import type { ApiScope, Principal } from '@tsforecast/service';

/**
 * Who may call a route: anyone (`public`), whoever holds `METRICS_TOKEN` when
 * it is set (`metrics`), or a bearer token with that scope. Every route
 * declares one in `config.access`; a route that does not is refused at startup.
 */
export type RouteAccess = 'public' | 'metrics' | ApiScope;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The verified token's subject and scopes, on routes that need a scope. */
    principal?: Principal;
  }
}
