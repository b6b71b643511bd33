import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors/tsforecast-error';
import { describeSettings, loadSettings } from './load-settings';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tsf-config-'));
}

describe('loadSettings', () => {
  it('uses defaults when nothing is set', () => {
    const s = loadSettings({ env: {}, cwd: tempDir() });
    expect(s.DATABASE_URL).toBeUndefined();
    expect(s.DEFAULT_BACKEND).toBe('cpu');
    expect(s.MAX_PARALLEL_RUNS).toBe(1);
    expect(s.ENABLE_GPU).toBe(false);
  });

  it('applies precedence flag > env > .env > config file > default', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'cfg.yaml'), 'LOG_LEVEL: warn\nMAX_PARALLEL_RUNS: 3\nMODEL_DIR: from-file\nDATA_DIR: file-data\n');
    writeFileSync(join(cwd, '.env'), 'LOG_LEVEL=error\nMODEL_DIR=from-dotenv\n');
    const s = loadSettings({
      cwd,
      configFile: 'cfg.yaml',
      env: { LOG_LEVEL: 'debug' },
      flags: { MAX_PARALLEL_RUNS: '4' },
    });
    expect(s.MAX_PARALLEL_RUNS).toBe(4); // flag beats file
    expect(s.LOG_LEVEL).toBe('debug'); // env beats .env and file
    expect(s.MODEL_DIR).toBe('from-dotenv'); // .env beats file
    expect(s.DATA_DIR).toBe('file-data'); // file beats default
  });

  it('reads JSON config files', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'cfg.json'), JSON.stringify({ DEFAULT_BACKEND: 'webgpu', ENABLE_GPU: true }));
    const s = loadSettings({ cwd, env: { TSFORECAST_CONFIG: 'cfg.json' } });
    expect(s.DEFAULT_BACKEND).toBe('webgpu');
    expect(s.ENABLE_GPU).toBe(true);
  });

  it('names the variable, the value and what is expected', () => {
    expect(() => loadSettings({ env: { DEFAULT_BACKEND: 'tpu' }, cwd: tempDir() })).toThrow(
      /DEFAULT_BACKEND="tpu" \(from environment\) is invalid: expected one of cpu, webgpu, cuda/,
    );
    expect(() => loadSettings({ env: { MAX_PARALLEL_RUNS: '0' }, cwd: tempDir() })).toThrow(
      /MAX_PARALLEL_RUNS="0".*expected a number >= 1/,
    );
    expect(() => loadSettings({ env: { ENABLE_GPU: 'maybe' }, cwd: tempDir() })).toThrow(ConfigError);
    // Workers beat every 5 s: a shorter limit would take live workers for lost.
    expect(() => loadSettings({ env: { WORKER_LOST_AFTER_MS: '5000' }, cwd: tempDir() })).toThrow(
      /WORKER_LOST_AFTER_MS="5000".*expected a number >= 10000/,
    );
    expect(loadSettings({ env: {}, cwd: tempDir() }).WORKER_LOST_AFTER_MS).toBe(30_000);
  });

  it('never shows a password from DATABASE_URL', () => {
    let message = '';
    try {
      loadSettings({ env: { DATABASE_URL: 'mysql://admin:hunter2@db:5432/x' }, cwd: tempDir() });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL="mysql:\/\/admin:\*\*\*@db:5432\/x"/);
    expect(message).not.toContain('hunter2');
  });

  it('never shows a DATABASE_URL that is not a URL at all (it may still hold a password)', () => {
    const canary = 'Can/ary@:#% pw';
    for (const url of [`not a url ${canary}`, `${canary}`, `postgres//user:${canary}@host/db`]) {
      let message = '';
      try {
        loadSettings({ env: { DATABASE_URL: url }, cwd: tempDir() });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(
        /DATABASE_URL \(from environment\) is invalid: expected a postgres:\/\/ or postgresql:\/\/ URL; the value is not shown/,
      );
      expect(message).not.toContain('Can/ary');
    }
  });

  it('never shows JWT_SECRET or METRICS_TOKEN, even when too short, and names the length wanted', () => {
    let message = '';
    try {
      loadSettings({ env: { JWT_SECRET: 'shortZq8Secret', METRICS_TOKEN: 'tinyZq8Tok' }, cwd: tempDir() });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/JWT_SECRET="\*\*\*" \(from environment\) is invalid: expected at least 32 characters/);
    expect(message).toMatch(/METRICS_TOKEN="\*\*\*" \(from environment\) is invalid: expected at least 16 characters/);
    expect(message).not.toMatch(/Zq8/);
    const secret = 'x'.repeat(40);
    const settings = loadSettings({ env: { JWT_SECRET: secret }, cwd: tempDir() });
    expect(settings.JWT_SECRET).toBe(secret);
    expect(describeSettings(settings)['JWT_SECRET']).toBe('***');
  });

  it('rejects unknown keys in a config file', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'c.yaml'), 'LOG_LEVL: info\n');
    expect(() => loadSettings({ cwd, env: {}, configFile: 'c.yaml' })).toThrow(/unknown setting\(s\) LOG_LEVL/);
  });
});
