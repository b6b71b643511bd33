import { bearer, buildTestApi, type TestApi } from '../testing/build-test-api';
import { registerModelVersions } from '@tsforecast/service/testing';

jest.setTimeout(120_000);

describe('model registry routes', () => {
  let api: TestApi;
  let read: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    api = await buildTestApi();
    await registerModelVersions(api.runtime.container, 'Naive', 2);
    await registerModelVersions(api.runtime.container, 'SeasonalNaive', 2);
    read = bearer(await api.tokenFor(['read']));
    admin = bearer(await api.tokenFor(['admin'], 'alice'));
  });
  afterAll(() => api?.close());

  const promote = (name: string, version: string, stage: string) =>
    api.app.inject({ method: 'POST', url: `/models/${name}/versions/${version}/stage`, headers: admin, payload: { stage } });

  it('lists every name with its versions (newest first) and stages', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/models', headers: read });
    expect(response.statusCode).toBe(200);
    const models = response.json().models as { name: string; versions: { version: number; stage: string }[] }[];
    expect(models.map((m) => m.name)).toEqual(['Naive', 'SeasonalNaive']);
    expect(models[0]!.versions.map((v) => [v.version, v.stage])).toEqual([
      [2, 'none'],
      [1, 'none'],
    ]);
  });

  it('promotes to production, archiving the previous production version, with who did it', async () => {
    expect((await promote('Naive', '1', 'production')).statusCode).toBe(200);
    const response = await promote('Naive', '2', 'production');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.model).toMatchObject({ name: 'Naive', version: 2, stage: 'production' });
    expect(body.changes.map((c: { from: string; to: string; by: string }) => `${c.from}->${c.to} by ${c.by}`)).toEqual([
      'production->archived by alice',
      'none->production by alice',
    ]);
    const v1 = await api.app.inject({ method: 'GET', url: '/models/Naive/versions/1', headers: read });
    expect(v1.json()).toMatchObject({ version: 1, stage: 'archived' });
    expect(v1.json().stageChanges.map((c: { to: string }) => c.to)).toEqual(['production', 'archived']);
    const production = await api.app.inject({ method: 'GET', url: '/models/Naive/versions/production', headers: read });
    expect(production.json()).toMatchObject({ version: 2, stage: 'production', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('answers 409 when the version is already in that stage, 404 for an unknown one, 422 for a bad stage', async () => {
    expect((await promote('SeasonalNaive', '1', 'staging')).statusCode).toBe(200);
    const again = await promote('SeasonalNaive', '1', 'staging');
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe("SeasonalNaive@1 is already 'staging'");
    const missing = await promote('SeasonalNaive', '9', 'production');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toMatch(/^Model 'SeasonalNaive@9' not found; known models: Naive@1\.\.2, SeasonalNaive@1\.\.2$/);
    const noStaging = await api.app.inject({ method: 'GET', url: '/models/Naive/versions/staging', headers: read });
    expect(noStaging.statusCode).toBe(404);
    expect((await promote('SeasonalNaive', '1', 'none')).statusCode).toBe(422);
    expect((await api.app.inject({ method: 'GET', url: '/models/Naive/versions/0', headers: read })).statusCode).toBe(422);
  });
});
