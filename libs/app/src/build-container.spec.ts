import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Settings, loadSettings } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import { SeriesReader } from '@tsforecast/data';
import { SessionFactory } from '@tsforecast/graph';
import { ModelRegistry } from '@tsforecast/model';
import { Database, TrackingStore } from '@tsforecast/db';
import { createServerTestDatabase, type ServerTestDatabase } from '@tsforecast/db/testing';
import { LocalExecutor } from '@tsforecast/execution';
import { ModelStore } from '@tsforecast/artifact';
import { ProgressReporter } from '@tsforecast/logging';
import { EvaluationService, ForecastService, MigrationService, TrackingQueries, TrainingService } from '@tsforecast/service';
import { buildContainer } from './build-container';

// On the PostgreSQL test server: the embedded server's life cycle is db's
// (libs/db/src/data-source/embedded-server); here it is the wiring that counts.
describe('buildContainer', () => {
  let server: ServerTestDatabase;
  beforeAll(async () => {
    server = await createServerTestDatabase();
  });
  afterAll(() => server?.drop());

  const settingsWith = (env: Record<string, string> = {}) =>
    loadSettings({
      env: { DATABASE_URL: server.url, MODEL_DIR: join(mkdtempSync(join(tmpdir(), 'tsf-app-')), 'models'), ...env },
      cwd: tmpdir(),
    });

  it('wires every layer and every use case, and closes the database', async () => {
    const settings = settingsWith();
    const app = await buildContainer(settings, { logger: new MemoryLogger(), tty: false, migrate: true });
    try {
      const c = app.container;
      expect(c.get(Settings)).toBe(settings);
      for (const token of [SeriesReader, SessionFactory, TrackingStore, ModelStore, ProgressReporter, LocalExecutor])
        expect(c.get(token)).toBeDefined();
      expect(c.get(ModelRegistry).names()).toEqual(expect.arrayContaining(['SeasonalNaive', 'NHITS', 'PatchTST']));
      expect(c.get(TrainingService)).toBe(c.get(TrainingService));
      expect(c.get(ForecastService)).toBeInstanceOf(ForecastService);
      for (const useCase of [EvaluationService, TrackingQueries, MigrationService]) expect(c.get(useCase)).toBeInstanceOf(useCase);
      expect(await c.get(TrackingQueries).databaseHealth()).toEqual({ reachable: true, migrationsCurrent: true, pending: [] });
      expect(c.get<Database>(Database).kind).toBe('server');
    } finally {
      await app.close();
    }
    expect(await app.container.get(TrackingQueries).databaseHealth()).toMatchObject({ reachable: false });
  });

  it('warns when DEFAULT_BACKEND asks for a GPU that ENABLE_GPU switches off (the run uses cpu)', async () => {
    const logger = new MemoryLogger();
    const app = await buildContainer(settingsWith({ DEFAULT_BACKEND: 'cuda' }), { logger, tty: false, migrate: true });
    await app.close();
    const warnings = logger.records.filter((r) => r.level === 'warn').map((r) => r.message);
    expect(warnings).toContainEqual(expect.stringMatching(/^DEFAULT_BACKEND=cuda is ignored because ENABLE_GPU=false: running on cpu/));
    const enabled = new MemoryLogger();
    await (await buildContainer(settingsWith({ DEFAULT_BACKEND: 'cuda', ENABLE_GPU: 'true' }), { logger: enabled, tty: false })).close();
    expect(enabled.records.filter((r) => r.level === 'warn')).toEqual([]);
  });

  it('names the unreachable server and hides its password', async () => {
    const settings = loadSettings({ env: { DATABASE_URL: 'postgres://u:hunter2@127.0.0.1:1/x' }, cwd: tmpdir() });
    const failure = buildContainer(settings, { logger: new MemoryLogger(), tty: false });
    await expect(failure).rejects.toThrow(/127\.0\.0\.1:1/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});
