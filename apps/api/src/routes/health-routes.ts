import type { FastifyPluginAsync } from 'fastify';
import type { Container } from 'inversify';
import { ServiceStatus } from '@tsforecast/service';
import { ErrorResponse } from '../schemas/error-response';
import { HealthResponse, ReadyResponse } from '../schemas/health';

/**
 * Public probes. `GET /health` (liveness): `{ status: 'ok' }` when the process
 * is up and its database answers a query, 503 otherwise. `GET /ready`
 * (readiness): database reachable, migrations current, model store readable —
 * 200, or 503 naming each failed check.
 */
export function healthRoutes(container: Container): FastifyPluginAsync {
  const status = container.get(ServiceStatus);
  return async (app) => {
    app.get(
      '/health',
      {
        config: { access: 'public' },
        schema: { summary: 'Liveness', tags: ['probes'], response: { 200: HealthResponse, 503: ErrorResponse } },
      },
      async (request, reply) => {
        if (await status.databaseAnswers()) return { status: 'ok' as const };
        return reply
          .code(503)
          .send({ statusCode: 503, error: 'Service Unavailable', message: 'database unreachable', requestId: request.id });
      },
    );
    app.get(
      '/ready',
      {
        config: { access: 'public' },
        schema: {
          summary: 'Readiness: database, migrations, model store',
          tags: ['probes'],
          response: { 200: ReadyResponse, 503: ReadyResponse },
        },
      },
      async (_request, reply) => {
        const readiness = await status.readiness();
        return reply.code(readiness.ready ? 200 : 503).send({ status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks });
      },
    );
  };
}
