import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Container } from 'inversify';
import { DataError, Settings, UsageError } from '@tsforecast/config';
import { formatForecastCsv, parseForecastCsv, ServingService, type ServingRequest } from '@tsforecast/service';
import { jsonArrayBody } from '../http/json-array-body';
import type { ApiMetrics } from '../metrics/api-metrics';
import { ForecastMetrics } from '../metrics/forecast-metrics';
import { authErrorResponses, ErrorResponse } from '../schemas/error-response';
import { ForecastCsv, ForecastQuery, ForecastRequest, ForecastResponse } from '../schemas/forecast';

const csvType = 'text/csv';
const jsonType = 'application/json';

/**
 * `POST /forecast` (scope `forecast`): JSON in and out, or a `text/csv` body
 * (`unique_id,ds,y`; the model and levels in the query) and a CSV answer with
 * `Accept: text/csv`. The body limit is `FORECAST_BODY_LIMIT`. Sessions and
 * batching are the ServingService's; its sessions are released when the app closes.
 */
export function forecastRoutes(container: Container, metrics: ApiMetrics): FastifyPluginAsync {
  const serving = container.get(ServingService);
  const settings = container.get<Settings>(Settings);
  const forecastMetrics = new ForecastMetrics(metrics.registry, serving);
  return async (app) => {
    // JSON or CSV only: Fastify's text/plain parser would hand a string to the CSV branch.
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser(csvType, { parseAs: 'string', bodyLimit: settings.FORECAST_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    app.addHook('onClose', async () => serving.close());
    app.post(
      '/forecast',
      {
        config: { access: 'forecast' },
        bodyLimit: settings.FORECAST_BODY_LIMIT,
        preValidation: async (request) => rejectNonNumbers(request.body),
        schema: {
          summary: 'Forecast with a saved neural model (JSON, or CSV in and out)',
          tags: ['forecast'],
          querystring: ForecastQuery,
          body: { content: { 'application/json': { schema: ForecastRequest }, [csvType]: { schema: ForecastCsv } } },
          response: {
            200: { content: { 'application/json': { schema: ForecastResponse }, [csvType]: { schema: ForecastCsv } } },
            400: ErrorResponse,
            404: ErrorResponse,
            413: ErrorResponse,
            415: ErrorResponse,
            422: ErrorResponse,
            ...authErrorResponses,
          },
        },
      },
      async (request, reply) => {
        const stop = forecastMetrics.duration.startTimer();
        const served = await serving.forecast(servingRequest(request));
        stop();
        if (wantsCsv(request)) return reply.type(`${csvType}; charset=utf-8`).send(formatForecastCsv(served));
        // The bytes JSON.stringify writes for the plain result (what the response schema's serializer writes: same
        // keys, same order), as one Buffer built series by series: no string of the whole answer to flatten and copy.
        return reply.type(`${jsonType}; charset=utf-8`).send(jsonArrayBody({ model: served.model }, 'forecasts', served.forecasts));
      },
    );
  };
}

/** The use case's request from a JSON body, or from a CSV body and the query. */
function servingRequest(request: FastifyRequest): ServingRequest {
  const query = request.query as ForecastQuery;
  if (typeof request.body !== 'string') return request.body as ForecastRequest;
  if (query.model === undefined)
    throw new UsageError(`'model' query parameter is required with a ${csvType} body, e.g. /forecast?model=NHITS@production`);
  const level = query.level?.split(',').map(Number);
  return { model: query.model, series: parseForecastCsv(request.body), level };
}

/**
 * The app's validator coerces types (`null` → 0, `true` → 1, `"5"` → 5), which
 * would forecast from values nobody sent: a `y` that is not a JSON number is
 * refused before validation, naming the series and the index.
 */
function rejectNonNumbers(body: unknown): void {
  const series = (body as { series?: unknown } | null)?.series;
  if (!Array.isArray(series)) return;
  // Plain loops: this runs once per point before anything else (48,000 times for a 1,000-series request).
  for (let i = 0; i < series.length; i++) {
    const { unique_id: id, y } = (series[i] ?? {}) as { unique_id?: unknown; y?: unknown };
    if (!Array.isArray(y)) continue;
    for (let k = 0; k < y.length; k++) {
      if (typeof y[k] !== 'number') {
        throw new DataError(`series[${i}] ('${String(id)}'): 'y[${k}]' must be a finite number, got ${JSON.stringify(y[k])}`);
      }
    }
  }
}

function wantsCsv(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes(csvType);
}
