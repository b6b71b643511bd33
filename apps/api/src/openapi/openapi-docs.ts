import type { FastifyInstance, FastifySchema } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { RouteAccess } from '../auth/route-access';

/** The OpenAPI security requirement of a route: none for public ones, the bearer token (with its scope) otherwise. */
function securityOf(access: RouteAccess | undefined): Record<string, string[]>[] {
  if (access === undefined || access === 'public') return [];
  if (access === 'metrics') return [{ metricsToken: [] }];
  return [{ bearer: [access] }];
}

/**
 * OpenAPI 3.1 generated from the route schemas (`GET /openapi.json`) and
 * Swagger UI at `/docs`, served from the package's own files (no CDN). Each
 * route's security requirement comes from its `config.access`.
 * Register before the routes: the generator records routes as they are added.
 */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'tsforecast API',
        version,
        description:
          'Forecasting service: model registry, tracked experiments and runs, probes. Bearer JWT with scopes read, forecast, train, admin.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'Scopes in the `scope` claim: read, forecast, train, admin',
          },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, when the server sets one' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const access = (route.config as { access?: RouteAccess } | undefined)?.access;
      return { schema: { ...schema, security: securityOf(access) } as FastifySchema, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { url: '/openapi.json' } as Record<string, unknown> });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
