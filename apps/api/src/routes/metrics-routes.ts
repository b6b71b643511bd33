import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { ApiMetrics } from '../metrics/api-metrics';
import { ErrorResponse } from '../schemas/error-response';

/** `GET /metrics`: Prometheus text format; public unless `METRICS_TOKEN` is set (then `Authorization: Bearer <METRICS_TOKEN>`). */
export function metricsRoutes(metrics: ApiMetrics): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/metrics',
      {
        config: { access: 'metrics' },
        schema: {
          summary: 'Prometheus metrics',
          tags: ['probes'],
          produces: ['text/plain'],
          response: { 200: Type.String({ description: 'Prometheus text exposition format 0.0.4' }), 401: ErrorResponse },
        },
      },
      async (_request, reply) => {
        const text = await metrics.registry.metrics();
        return reply.type(metrics.registry.contentType).send(text);
      },
    );
  };
}
