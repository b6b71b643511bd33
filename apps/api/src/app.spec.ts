import { bearer, buildTestApi, type TestApi } from './testing/build-test-api';

jest.setTimeout(120_000);

describe('api: probes, errors, security headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await buildTestApi();
  });
  afterAll(() => api?.close());

  it('answers /health with the status only: nothing about the database (host, port, name, user)', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /ready with each check: database, migrations, model store', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ready',
      checks: [
        { name: 'database', ok: true, detail: 'reachable' },
        { name: 'migrations', ok: true, detail: 'current' },
        { name: 'model-store', ok: true, detail: 'empty (MODEL_DIR is created on the first save)' },
      ],
    });
  });

  it('answers 404 for unknown routes in the common error shape with a request id', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    const body = response.json();
    expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: 'no route GET /nope', requestId: expect.any(String) });
    expect(response.headers['x-request-id']).toBe(body.requestId);
  });

  it('sends security headers (helmet) and no CORS headers by default', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('maps schema validation to 422 naming the field, and an oversized body to 413', async () => {
    const headers = bearer(await api.tokenFor(['admin']));
    const bad = await api.app.inject({ method: 'POST', url: '/models/NHITS/versions/1/stage', headers, payload: { stage: 'prod' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toMatch(/body\/stage/);
    const huge = await api.app.inject({
      method: 'POST',
      url: '/models/NHITS/versions/1/stage',
      headers,
      payload: { stage: 'x'.repeat(5000) },
    });
    expect(huge.statusCode).toBe(413);
  });
});

describe('api: a 5xx hides internals, the log keeps them under the request id', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await buildTestApi();
  });
  afterAll(() => api?.close());

  it('answers 500 with the request id only and logs the cause with that id', async () => {
    // Break the database under the app: every query now fails with a driver error naming the table.
    await api.runtime.database.dataSource.query('ALTER TABLE models RENAME TO models_gone');
    const response = await api.app.inject({ method: 'GET', url: '/models', headers: bearer(await api.tokenFor(['read'])) });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error', requestId: expect.any(String) });
    expect(response.body).not.toMatch(/models|relation|select/i);
    const logged = api.logger.records.find((r) => r.level === 'error' && r.fields['requestId'] === body.requestId);
    expect(logged?.message).toMatch(/relation "models" does not exist/);
    await api.runtime.database.dataSource.query('ALTER TABLE models_gone RENAME TO models');
  });

  it('answers 503 from /ready naming the failed check', async () => {
    await api.runtime.database.dataSource.query(`DELETE FROM typeorm_migrations WHERE name = 'ModelStages1767226500000'`);
    const response = await api.app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json().checks).toContainEqual({
      name: 'migrations',
      ok: false,
      detail: '1 pending (run `cli migrate`): ModelStages1767226500000',
    });
  });
});

describe('api: CORS allow-list', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await buildTestApi({ API_CORS_ORIGINS: 'https://dash.example' });
  });
  afterAll(() => api?.close());

  it('allows only the configured origins', async () => {
    const allowed = await api.app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://dash.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dash.example');
    const other = await api.app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
