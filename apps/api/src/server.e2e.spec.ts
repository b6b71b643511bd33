import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServerTestDatabase, migratedTemplate, type ServerTestDatabase } from '@tsforecast/app/testing';

jest.setTimeout(180_000);

const root = resolve(__dirname, '../../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
const server = resolve(__dirname, 'server.ts');

describe('api server process', () => {
  let database: ServerTestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    // A server database is migrated by `cli migrate`, never by the API: a copy of the migrated template.
    database = await createServerTestDatabase(undefined, await migratedTemplate());
    const dir = mkdtempSync(join(tmpdir(), 'tsf-api-server-'));
    env = {
      DATABASE_URL: database.url,
      DATA_DIR: join(dir, 'data'),
      MODEL_DIR: join(dir, 'models'),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(() => database?.drop());

  it('refuses a non-loopback host without JWT_SECRET or JWT_JWKS_URL: exit 2 and what to set', () => {
    const run = spawnSync(tsx, [server], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env, API_HOST: '0.0.0.0', API_PORT: '0' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: API_HOST=0\.0\.0\.0 is not a loopback address and neither JWT_SECRET nor JWT_JWKS_URL is set/);
  });

  it('serves on loopback over real HTTP: /health public, /models needs a token', async () => {
    const port = String(30000 + Math.floor(Math.random() * 20000));
    const child = spawn(tsx, [server], { cwd: root, env: { ...process.env, ...env, API_HOST: '127.0.0.1', API_PORT: port } });
    try {
      const base = `http://127.0.0.1:${port}`;
      let health: Response | undefined;
      for (let i = 0; i < 120 && health === undefined; i += 1) {
        health = await fetch(`${base}/health`).catch(async () => new Promise<undefined>((r) => setTimeout(() => r(undefined), 500)));
      }
      expect(health?.status).toBe(200);
      expect((await fetch(`${base}/models`)).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
