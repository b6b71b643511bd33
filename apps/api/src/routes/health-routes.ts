import type { FastifyPluginAsync } from 'fastify';
import { Database } from '@tsforecast/db';
import type { Container } from 'inversify';
import { ErrorResponse, HealthResponse } from '../schemas/health';

/** `GET /health`: `{ status: 'ok' }` when the process is up and its database answers a query, 503 otherwise. */
export function healthRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    app.get('/health', { schema: { response: { 200: HealthResponse, 503: ErrorResponse } } }, async (_request, reply) => {
      const database = container.get<Database>(Database);
      try {
        await database.dataSource.query('SELECT 1');
      } catch {
        return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'database unreachable' });
      }
      return { status: 'ok' as const };
    });
  };
}
