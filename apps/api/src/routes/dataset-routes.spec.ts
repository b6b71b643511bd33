import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { bearer, buildTestApi, type TestApi } from '../testing/build-test-api';
import { hourlyCsv } from '../testing/hourly-csv';

jest.setTimeout(120_000);

describe('POST /datasets, GET /datasets', () => {
  let api: TestApi;
  let train: Record<string, string>;
  let read: Record<string, string>;
  const upload = (payload: string, query = '', headers: Record<string, string> = {}) =>
    api.app.inject({ method: 'POST', url: `/datasets${query}`, headers: { ...train, 'content-type': 'text/csv', ...headers }, payload });
  const uploadsFolder = () => join(api.settings.DATA_DIR, 'datasets');
  const listed = async () => (await api.app.inject({ method: 'GET', url: '/datasets', headers: read })).json().datasets as { id: string }[];

  beforeAll(async () => {
    api = await buildTestApi({ API_UPLOAD_LIMIT: '20000' });
    train = bearer(await api.tokenFor(['train']));
    read = bearer(await api.tokenFor(['read']));
  });
  afterAll(() => api?.close());

  it('stores a valid CSV under DATA_DIR/datasets/<sha256>.csv and registers it once (201; the same bytes again: the same data set)', async () => {
    const csv = hourlyCsv(2, 60);
    const sha = createHash('sha256').update(csv).digest('hex');
    const response = await upload(csv, '?name=hourly.csv');
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      name: `${sha}.csv`,
      path: `datasets/${sha}.csv`,
      fingerprint: sha,
      rows: 120,
      series: 2,
      frequency: '1hour',
    });
    expect(body.seasonLength).toBe(24);
    expect(readFileSync(join(uploadsFolder(), `${sha}.csv`), 'utf8')).toBe(csv);
    const again = await upload(csv);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(body.id);
    expect((await listed()).map((d) => d.id)).toEqual([body.id]);
    expect(readdirSync(uploadsFolder())).toEqual([`${sha}.csv`]);
  });

  it('refuses a bad CSV with the line and column under the name given (422); the file is removed, nothing registered', async () => {
    const before = await listed();
    const response = await upload('unique_id,ds,y\na,2024-01-01T00:00:00,1\na,not-a-date,2\n', '?name=bad.csv');
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toMatch(/^bad\.csv: 1 data problem:\n\s*bad\.csv:3:2: unparsable date 'not-a-date' in column 'ds'/);
    expect(response.json().message).not.toMatch(/\.upload-|\.tmp/);
    expect(readdirSync(uploadsFolder()).filter((name) => !/^[0-9a-f]{64}\.csv$/.test(name))).toEqual([]);
    expect(await listed()).toEqual(before);
  });

  it('refuses more than API_UPLOAD_LIMIT bytes (413), declared or streamed, leaving no file', async () => {
    const big = hourlyCsv(4, 300);
    expect(Buffer.byteLength(big)).toBeGreaterThan(20000);
    const declared = await upload(big);
    expect(declared.statusCode).toBe(413);
    expect(declared.json().message).toMatch(/^the upload \(\d+ bytes\) exceeds API_UPLOAD_LIMIT \(20000 bytes\)$/);
    const streamed = await upload(big, '', { 'transfer-encoding': 'chunked', 'content-length': '' });
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().message).toBe('the upload exceeds API_UPLOAD_LIMIT (20000 bytes)');
    expect(readdirSync(uploadsFolder()).filter((name) => name.startsWith('.upload-'))).toEqual([]);
  });

  it('answers 415 for another content type and 422 for bad query values', async () => {
    const json = await upload('{}', '', { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(415);
    expect(json.json().message).toBe("POST /datasets takes a text/csv body, got content-type 'application/json'");
    expect((await upload('unique_id,ds,y\n', '?seasonLength=0')).statusCode).toBe(422);
    expect(existsSync(join(api.settings.DATA_DIR, 'datasets'))).toBe(true);
  });
});
