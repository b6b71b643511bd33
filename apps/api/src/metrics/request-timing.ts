import type { FastifyInstance } from 'fastify';
import type { ApiMetrics } from './api-metrics';

/**
 * Observes every answered request in the duration histogram, labelled by the
 * route pattern (`/models/:name`, never the raw URL, so labels stay few);
 * requests that matched no route share the label `unmatched`.
 */
export function installRequestTiming(app: FastifyInstance, metrics: ApiMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
