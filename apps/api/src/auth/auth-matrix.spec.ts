import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { apiScopes, type ApiScope } from '@tsforecast/service';
import { recordRuns, registerModelVersions } from '@tsforecast/service/testing';
import { bearer, buildTestApi, testJwtSecret, type TestApi } from '../testing/build-test-api';

jest.setTimeout(120_000);

/** Every route the API serves (checked against the OpenAPI document below), and who may call it. */
const routes: {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  path: string;
  access: 'public' | 'metrics' | ApiScope;
  payload?: object | string;
  /** What the right scope gets when not 200: past authentication, the request itself decides. */
  authorized?: number;
}[] = [
  { method: 'GET', url: '/health', path: '/health', access: 'public' },
  { method: 'GET', url: '/ready', path: '/ready', access: 'public' },
  { method: 'GET', url: '/metrics', path: '/metrics', access: 'metrics' },
  { method: 'GET', url: '/models', path: '/models', access: 'read' },
  { method: 'GET', url: '/models/Naive/versions/1', path: '/models/{name}/versions/{version}', access: 'read' },
  { method: 'GET', url: '/experiments', path: '/experiments', access: 'read' },
  { method: 'GET', url: '/experiments/registry-fixtures', path: '/experiments/{id}', access: 'read' },
  { method: 'GET', url: '/runs', path: '/runs', access: 'read' },
  { method: 'GET', url: '/runs/RUN_ID', path: '/runs/{id}', access: 'read' },
  { method: 'GET', url: '/runs/RUN_ID/predictions', path: '/runs/{id}/predictions', access: 'read' },
  {
    method: 'POST',
    url: '/forecast',
    path: '/forecast',
    access: 'forecast',
    payload: { model: 'Unknown@production', series: [{ unique_id: 'a', ds: ['2024-01-01T00:00:00Z'], y: [1] }] },
    authorized: 404,
  },
  {
    method: 'POST',
    url: '/models/Naive/versions/1/stage',
    path: '/models/{name}/versions/{version}/stage',
    access: 'admin',
    payload: { stage: 'staging' },
  },
  // A string payload goes as text/plain: past authentication, the upload route answers 415.
  { method: 'POST', url: '/datasets', path: '/datasets', access: 'train', payload: 'unique_id,ds,y\n', authorized: 415 },
  { method: 'GET', url: '/datasets', path: '/datasets', access: 'read' },
  {
    method: 'POST',
    url: '/jobs',
    path: '/jobs',
    access: 'train',
    payload: { data: 'missing.csv', models: ['Naive'], horizons: [1], experiment: 'matrix' },
    authorized: 400,
  },
  { method: 'GET', url: '/jobs', path: '/jobs', access: 'read' },
  { method: 'GET', url: `/jobs/${randomUUID()}`, path: '/jobs/{id}', access: 'read', authorized: 404 },
  { method: 'DELETE', url: `/jobs/${randomUUID()}`, path: '/jobs/{id}', access: 'train', authorized: 404 },
  { method: 'GET', url: '/studies/no-such-study', path: '/studies/{id}', access: 'read', authorized: 404 },
];

describe('auth matrix: each route × no token / bad token / wrong scope / right scope', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await buildTestApi();
    await registerModelVersions(api.runtime.container, 'Naive', 1);
    const [runId] = await recordRuns(api.runtime.container, 'registry-fixtures', [{ model: 'Naive', horizon: 1, metrics: { mae: 1 } }]);
    for (const route of routes) route.url = route.url.replace('RUN_ID', runId!);
  });
  afterAll(() => api?.close());

  it('covers every route of the OpenAPI document', async () => {
    const document = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, object> };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(routes.filter((r) => r.access !== 'public' && r.access !== 'metrics'))('$method $url needs scope $access', async (route) => {
    const call = (headers: Record<string, string> = {}) =>
      api.app.inject({ method: route.method, url: route.url, headers, payload: route.payload });
    const none = await call();
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.json().message).toBe('missing bearer token (Authorization: Bearer <token>)');
    expect((await call({ authorization: 'Basic dXNlcjpwdw==' })).statusCode).toBe(401);
    const forged = await new SignJWT({ scope: apiScopes.join(' ') })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('tsforecast')
      .setAudience('tsforecast-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-secret-but-also-32-characters-long'));
    expect((await call(bearer(forged))).json().message).toBe('token signature does not verify');
    const expired = await new SignJWT({ scope: route.access })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('late')
      .setIssuer('tsforecast')
      .setAudience('tsforecast-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(testJwtSecret));
    expect((await call(bearer(expired))).json()).toMatchObject({ statusCode: 401, message: 'token has expired' });
    const others = apiScopes.filter((scope) => scope !== route.access);
    const wrong = await call(bearer(await api.tokenFor(others, 'bob')));
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().message).toBe(`token of 'bob' lacks scope '${route.access}' (it has: ${others.join(', ')})`);
    const right = await call(bearer(await api.tokenFor([route.access as ApiScope])));
    expect(right.statusCode).toBe(route.authorized ?? 200);
  });

  it.each(routes.filter((r) => r.access === 'public' || r.access === 'metrics'))(
    '$method $url is public without METRICS_TOKEN',
    async (route) => {
      expect((await api.app.inject({ method: route.method, url: route.url })).statusCode).toBe(200);
    },
  );
});

describe('METRICS_TOKEN and the rate limit', () => {
  let api: TestApi;
  const metricsToken = 'scrape-token-0123456789';
  beforeAll(async () => {
    api = await buildTestApi({ METRICS_TOKEN: metricsToken, API_RATE_LIMIT: '5' });
  });
  afterAll(() => api?.close());

  it('puts /metrics behind its own token (an API token does not do)', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const apiToken = await api.tokenFor([...apiScopes]);
    expect((await api.app.inject({ method: 'GET', url: '/metrics', headers: bearer(apiToken) })).json().message).toBe(
      'metrics token does not match',
    );
    expect((await api.app.inject({ method: 'GET', url: '/metrics', headers: bearer(metricsToken) })).statusCode).toBe(200);
  });

  it('limits requests per token per minute (429 naming the limit); another token has its own budget', async () => {
    const first = bearer(await api.tokenFor(['read'], 'first'));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await api.app.inject({ method: 'GET', url: '/models', headers: first })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await api.app.inject({ method: 'GET', url: '/models', headers: first });
    expect(limited.json().message).toMatch(/^rate limit of 5 requests per minute exceeded; retry in /);
    const second = bearer(await api.tokenFor(['read'], 'second'));
    expect((await api.app.inject({ method: 'GET', url: '/models', headers: second })).statusCode).toBe(200);
  });
});
