import 'reflect-metadata';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsToken, loadSettings } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import { SeriesReader } from '@tsforecast/data';
import { SessionFactory } from '@tsforecast/graph';
import { ModelRegistry } from '@tsforecast/model';
import { Database, TrackingStore } from '@tsforecast/db';
import { LocalExecutor } from '@tsforecast/execution';
import { ModelStore } from '@tsforecast/artifact';
import { ProgressReporter } from '@tsforecast/logging';
import { EvaluationService, ForecastService, MigrationService, TrackingQueries, TrainingService } from '@tsforecast/service';
import { buildContainer } from './build-container';

describe('buildContainer', () => {
  it('wires every layer on an embedded database and releases it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsf-app-'));
    const settings = loadSettings({ env: { DATA_DIR: join(dir, 'data') }, cwd: dir });
    const app = await buildContainer(settings, { logger: new MemoryLogger(), tty: false });
    try {
      const c = app.container;
      expect(c.get(SettingsToken)).toBe(settings);
      for (const token of [SeriesReader, SessionFactory, TrackingStore, ModelStore, ProgressReporter, LocalExecutor]) expect(c.get(token)).toBeDefined();
      expect(c.get(ModelRegistry).names()).toEqual(expect.arrayContaining(['SeasonalNaive', 'NHITS', 'PatchTST']));
      expect(c.get(TrainingService)).toBe(c.get(TrainingService));
      expect(c.get(ForecastService)).toBeInstanceOf(ForecastService);
      for (const useCase of [EvaluationService, TrackingQueries, MigrationService]) expect(c.get(useCase)).toBeInstanceOf(useCase);
      expect(await c.get(TrackingQueries).databaseHealth()).toEqual({ reachable: true, migrationsCurrent: true, pending: [] });
      expect(c.get<Database>(Database).kind).toBe('embedded');
      expect(existsSync(join(dir, 'data', 'pgdata.lock'))).toBe(true);
    } finally {
      await app.close();
    }
    expect(existsSync(join(dir, 'data', 'pgdata.lock'))).toBe(false);
  });

  it('warns when DEFAULT_BACKEND asks for a GPU that ENABLE_GPU switches off (the run uses cpu)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsf-app-gpu-'));
    const logger = new MemoryLogger();
    const settings = loadSettings({ env: { DATA_DIR: join(dir, 'data'), DEFAULT_BACKEND: 'cuda' }, cwd: dir });
    const app = await buildContainer(settings, { logger, tty: false });
    await app.close();
    const warnings = logger.records.filter((r) => r.level === 'warn').map((r) => r.message);
    expect(warnings).toContainEqual(expect.stringMatching(/^DEFAULT_BACKEND=cuda is ignored because ENABLE_GPU=false: running on cpu/));
  });

  it('names the unreachable server and hides its password', async () => {
    const settings = loadSettings({ env: { DATABASE_URL: 'postgres://u:hunter2@127.0.0.1:1/x' }, cwd: tmpdir() });
    const failure = buildContainer(settings, { logger: new MemoryLogger(), tty: false });
    await expect(failure).rejects.toThrow(/127\.0\.0\.1:1/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});
