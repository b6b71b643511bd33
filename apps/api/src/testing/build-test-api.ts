import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadSettings, type Settings } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import { buildContainer, type AppContainer } from '@tsforecast/app';
import { createServerTestDatabase, type ServerTestDatabase } from '@tsforecast/app/testing';
import { TokenIssuer, type ApiScope } from '@tsforecast/service';
import { buildApp } from '../app';

/** The HS256 key every test app is configured with. */
export const testJwtSecret = 'api-test-secret-of-at-least-32-characters';

/** One app over its own fresh PostgreSQL database, and what tests need around it. */
export interface TestApi {
  readonly app: FastifyInstance;
  readonly runtime: AppContainer;
  readonly settings: Settings;
  readonly logger: MemoryLogger;
  /** A valid token for `subject` with these scopes (1 hour). */
  tokenFor(scopes: readonly ApiScope[], subject?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The one `build()` helper of the API tests: a migrated database of its own on
 * the test server, MODEL_DIR/DATA_DIR in a temp folder, `JWT_SECRET` set,
 * `env` on top. Close it in `afterAll`.
 *
 * @example
 * const api = await buildTestApi();
 * await api.app.inject({ method: 'GET', url: '/models', headers: { authorization: `Bearer ${await api.tokenFor(['read'])}` } });
 */
export async function buildTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'tsf-api-'));
  const server: ServerTestDatabase = await createServerTestDatabase();
  const settings = loadSettings({
    env: { DATABASE_URL: server.url, DATA_DIR: join(dir, 'data'), MODEL_DIR: join(dir, 'models'), JWT_SECRET: testJwtSecret, ...env },
    cwd: dir,
  });
  const logger = new MemoryLogger();
  let runtime: AppContainer;
  try {
    runtime = await buildContainer(settings, { logger, tty: false, migrate: true });
  } catch (error) {
    await server.drop();
    throw error;
  }
  const app = await buildApp(runtime.container);
  const issuer = runtime.container.get(TokenIssuer);
  return {
    app,
    runtime,
    settings,
    logger,
    tokenFor: async (scopes, subject = 'tester') => (await issuer.issue({ subject, scopes, ttlSeconds: 3600 })).token,
    close: async () => {
      await app.close();
      await runtime.close();
      await server.drop();
    },
  };
}

/** `{ authorization: 'Bearer …' }` for inject. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
