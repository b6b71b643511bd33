import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import { buildContainer, type AppContainer } from '@tsforecast/app';
import { buildApp } from './app';

describe('api', () => {
  let runtime: AppContainer;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsf-api-'));
    const settings = loadSettings({ env: { DATA_DIR: join(dir, 'data'), MODEL_DIR: join(dir, 'models') }, cwd: dir });
    runtime = await buildContainer(settings, { logger: new MemoryLogger(), tty: false });
  });
  afterAll(async () => runtime.close());

  it('answers /health with the status only: nothing about the database (host, port, name, user)', async () => {
    const app = await buildApp(runtime.container);
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    await app.close();
  });

  it('answers 404 for unknown routes', async () => {
    const app = await buildApp(runtime.container);
    const response = await app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    await app.close();
  });
});
