import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings, silentLogger } from '@tsforecast/config';
import { databaseServerStatus, startDatabaseServer, stopDatabaseServer } from './database-server';

jest.setTimeout(180_000);

describe('database server control (cli db status|start|stop)', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'tsf-db-control-'));
    chmodSync(cwd, 0o755); // reachable by the server's account when tests run as root
  });
  afterAll(async () => {
    await stopDatabaseServer(loadSettings({ env: {}, cwd, flags: { DATA_DIR: 'data' } }), silentLogger, cwd);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('reports, starts and stops the embedded server under DATA_DIR', async () => {
    const settings = { ...loadSettings({ env: {}, cwd, flags: { DATA_DIR: 'data' } }), DATABASE_URL: undefined };
    const pgdata = join(cwd, 'data', 'postgres', 'data');
    expect(await databaseServerStatus(settings, cwd)).toMatchObject({
      kind: 'embedded',
      running: false,
      summary: `embedded PostgreSQL server not running (data ${pgdata}, not created yet)`,
    });
    const started = await startDatabaseServer(settings, silentLogger, cwd);
    expect(started).toMatchObject({ kind: 'embedded', running: true, dataDirectory: pgdata });
    expect(started.summary).toBe(`embedded PostgreSQL server running on 127.0.0.1:${started.port} (pid ${started.pid}, data ${pgdata})`);
    expect(await startDatabaseServer(settings, silentLogger, cwd)).toEqual(started); // already running: same server

    const stopped = await stopDatabaseServer(settings, silentLogger, cwd);
    expect(stopped).toMatchObject({ running: false, summary: `stopped: embedded PostgreSQL server not running (data ${pgdata})` });
    expect((await stopDatabaseServer(settings, silentLogger, cwd)).summary).toBe(`embedded PostgreSQL server not running (data ${pgdata})`);
  });

  it('with DATABASE_URL set, touches nothing and says so', async () => {
    const settings = {
      ...loadSettings({ env: {}, cwd, flags: { DATA_DIR: 'data' } }),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
    };
    for (const report of [
      await databaseServerStatus(settings, cwd),
      await startDatabaseServer(settings, silentLogger, cwd),
      await stopDatabaseServer(settings, silentLogger, cwd),
    ]) {
      expect(report).toMatchObject({
        kind: 'external',
        running: false,
        summary: expect.stringMatching(/^DATABASE_URL is set: the embedded PostgreSQL server is not used/),
      });
    }
  });
});
