import Fastify, { type FastifyInstance } from 'fastify';
import type { Container } from 'inversify';
import { healthRoutes } from './routes/health-routes';

/**
 * The HTTP app as a function of the Inversify container; `server.ts` only
 * starts it. 5xx messages are hidden from clients.
 */
export async function buildApp(container: Container, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const statusCode = error.statusCode ?? 500;
    if (statusCode >= 500) {
      app.log.error(error);
      return reply.code(statusCode).send({ statusCode, error: 'Internal Server Error', message: 'internal error' });
    }
    return reply.code(statusCode).send({ statusCode, error: 'Bad Request', message: error.message });
  });
  await app.register(healthRoutes(container));
  return app;
}
