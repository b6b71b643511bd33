import { registerModelVersions } from '@tsforecast/service/testing';
import { bearer, buildTestApi, type TestApi } from '../testing/build-test-api';
import { postBadRequests, random, type BadRequest } from '../testing/bad-requests';

jest.setTimeout(180_000);

/** One bad request for the promote route: a bad body (wrong types, nesting, unicode, oversized, not JSON) or a bad path. */
function badRequest(next: () => number, i: number): BadRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const deep = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
  const values = [
    null,
    true,
    0,
    -1,
    1e308,
    'production ',
    'PRODUCTION',
    'none',
    '',
    '🚀',
    'stagïng',
    [],
    {},
    ['production'],
    { stage: 'staging ' },
  ];
  const bodies = [
    () => JSON.stringify({ stage: pick(values) }),
    () => JSON.stringify({ stage: 'production', extra: pick(values) }),
    () => JSON.stringify(pick(values)),
    () => JSON.stringify({ stage: 'x'.repeat(Math.floor(next() * 5000)) }),
    () => JSON.stringify({ stage: Array.from({ length: 1 + Math.floor(next() * 2000) }, () => 'production') }),
    () => deep(1 + Math.floor(next() * 600)),
    () => `{"stage": "production"${pick(['', ',', '}}', ' "x"'])}`,
    () => '{"stage": NaN}',
    () => '\u0000\uffff'.repeat(1 + Math.floor(next() * 300)),
  ];
  const names = ['Naive', 'na\u00efve', '%2e%2e%2f%2e%2e', 'x'.repeat(300), '🚀', 'Naive%00', 'Naive%20'];
  const versions = ['1', '0', '-1', '1.5', '99999999999', 'latest', 'production%0A', '1e3'];
  const validPath = '/models/Naive/versions/1/stage';
  const path = i % 4 === 0 ? `/models/${pick(names)}/versions/${pick(versions)}/stage` : validPath;
  const payload = path === validPath ? pick(bodies)() : JSON.stringify({ stage: pick(['staging', 'production', 'archived']) });
  return { url: path, payload, contentType: i % 7 === 0 ? pick(['text/plain', 'application/xml', 'text/csv']) : 'application/json' };
}

describe('promote route under 1,200 generated bad requests', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await buildTestApi({ API_RATE_LIMIT: '100000' });
    await registerModelVersions(api.runtime.container, 'Naive', 1);
  });
  afterAll(() => api?.close());

  it('answers each with a 4xx in the error shape, stays up, and changes no stage', async () => {
    const headers = bearer(await api.tokenFor(['admin', 'read']));
    const next = random(7);
    const statuses = await postBadRequests(api, headers, 1200, (i) => badRequest(next, i));
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([404, 413, 415, 422]));
    const version = (await api.app.inject({ method: 'GET', url: '/models/Naive/versions/1', headers })).json();
    expect(version).toMatchObject({ stage: 'none', stageChanges: [] });
    expect((await api.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
