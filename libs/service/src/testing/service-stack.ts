import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container } from 'inversify';
import { loadSettings } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import type { Database } from '@tsforecast/db';
import { openTestDatabase } from '@tsforecast/db/testing';
import { layerModules } from '../layer-modules';

/** Every layer's real module up to the service, on an embedded PostgreSQL (PGlite), in a fresh temp folder. */
export interface ServiceStack {
  readonly container: Container;
  readonly database: Database;
  readonly logger: MemoryLogger;
  /** The temp folder (data, models, outputs of the test). */
  readonly dir: string;
}

/**
 * Wires the service exactly as the app does ({@link layerModules}, the list the
 * app's composition root loads too). Close `database` after the tests.
 *
 * @example
 * const stack = await openServiceStack('tsf-service-');
 * const service = stack.container.get(TrainingService);
 */
export async function openServiceStack(prefix: string): Promise<ServiceStack> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const settings = loadSettings({ env: { DATA_DIR: join(dir, 'data'), MODEL_DIR: join(dir, 'models'), LOG_LEVEL: 'silent' }, cwd: dir });
  const database = await openTestDatabase();
  const logger = new MemoryLogger();
  const container = new Container();
  container.loadSync(...layerModules({ settings, database, logger, tty: false }));
  return { container, database, logger, dir };
}
