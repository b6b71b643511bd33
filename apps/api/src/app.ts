import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Container } from 'inversify';
import { Logger, Settings } from '@tsforecast/config';
import { ServiceStatus, TokenVerifier } from '@tsforecast/service';
import { installAuthentication } from './auth/authentication';
import { installErrorHandler, respondToFrameworkError } from './errors/error-handler';
import { ApiMetrics } from './metrics/api-metrics';
import { installRequestTiming } from './metrics/request-timing';
import { installOpenApi } from './openapi/openapi-docs';
import { healthRoutes } from './routes/health-routes';
import { metricsRoutes } from './routes/metrics-routes';
import { forecastRoutes } from './routes/forecast-routes';
import { modelRoutes } from './routes/model-routes';
import { trackingRoutes } from './routes/tracking-routes';
import { datasetRoutes } from './routes/dataset-routes';
import { jobRoutes } from './routes/job-routes';
import { studyRoutes } from './routes/study-routes';
import { installSecurity } from './security/security-plugins';
import { installJsonBodyParser } from './http/json-body-parser';

/** Version of the API document (`info.version` of `/openapi.json`). */
const apiVersion = '0.1.0';

export interface BuildAppOptions {
  /** Fastify's own request logging (pino to stdout); errors go to the container's Logger either way. */
  logger?: boolean;
}

/**
 * The HTTP app as a function of the Inversify container; `server.ts` only
 * starts it. Order matters: errors, security, authentication and timing hooks
 * and the OpenAPI generator are in place before any route is added.
 */
export async function buildApp(container: Container, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const settings = container.get<Settings>(Settings);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: settings.API_BODY_LIMIT,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Fastify's defaults strip unknown body fields and turn ['x'] into 'x': a typo or a wrong shape must be a 422 instead.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true } },
    frameworkErrors: respondToFrameworkError,
  });
  installErrorHandler(app, container.get<Logger>(Logger));
  installJsonBodyParser(app);
  await installSecurity(app, settings);
  installAuthentication(app, container.get(TokenVerifier), settings.METRICS_TOKEN);
  const metrics = new ApiMetrics(container.get(ServiceStatus));
  installRequestTiming(app, metrics);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  await installOpenApi(app, apiVersion);
  await app.register(healthRoutes(container));
  await app.register(metricsRoutes(metrics));
  await app.register(modelRoutes(container));
  await app.register(forecastRoutes(container, metrics));
  await app.register(trackingRoutes(container));
  await app.register(datasetRoutes(container));
  await app.register(jobRoutes(container));
  await app.register(studyRoutes(container));
  return app;
}
