import SwaggerParser from '@apidevtools/swagger-parser';
import { registerModelVersions } from '@tsforecast/service/testing';
import { bearer, buildTestApi, type TestApi } from '../testing/build-test-api';

jest.setTimeout(120_000);

/** The value of one sample line of the Prometheus text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('OpenAPI document, Swagger UI and /metrics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await buildTestApi();
    await registerModelVersions(api.runtime.container, 'Naive', 1);
  });
  afterAll(() => api?.close());

  it('serves an OpenAPI 3.1 document that an independent validator accepts, with a response schema per status', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
    const promote = document.paths['/models/{name}/versions/{version}/stage'].post;
    expect(Object.keys(promote.responses).sort()).toEqual(['200', '401', '403', '404', '409', '413', '422', '429', '500']);
    expect(promote.security).toEqual([{ bearer: ['admin'] }]);
    expect(document.paths['/health'].get.security).toEqual([]);
  });

  it('serves Swagger UI and its assets from the package (no CDN)', async () => {
    const page = await api.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<div id="swagger-ui">/);
    expect(page.body).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);
    const bundle = await api.app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
    const initializer = await api.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(initializer.body).toMatch(/\/openapi\.json/);
  });

  it('exposes request durations by route pattern and status, process and pool metrics, and runs by status', async () => {
    const read = bearer(await api.tokenFor(['read']));
    for (let i = 0; i < 3; i += 1) await api.app.inject({ method: 'GET', url: '/models/Naive/versions/1', headers: read });
    await api.app.inject({ method: 'GET', url: '/models/Naive/versions/7', headers: read });
    const text = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
    const histogram = 'tsforecast_http_request_duration_seconds';
    expect(sample(text, `${histogram}_count{method="GET",route="/models/:name/versions/:version",status_code="200"}`)).toBe(3);
    expect(sample(text, `${histogram}_count{method="GET",route="/models/:name/versions/:version",status_code="404"}`)).toBe(1);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(sample(text, 'tsforecast_db_pool_size')).toBe(10);
    expect(sample(text, 'tsforecast_db_pool_connections{state="in_use"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'tsforecast_runs{status="running"}')).toBe(1);
    expect(sample(text, 'tsforecast_runs{status="failed"}')).toBe(0);
  });

  it('reads runs by status at most every 5 s, however often it is scraped', async () => {
    const scrape = async () => sample((await api.app.inject({ method: 'GET', url: '/metrics' })).body, 'tsforecast_runs{status="running"}');
    const before = await scrape();
    await registerModelVersions(api.runtime.container, 'Other', 1);
    expect(await scrape()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 5100));
    expect(await scrape()).toBe(before! + 1);
  });
});
