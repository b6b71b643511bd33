import 'reflect-metadata';
import { loadSettings, silentLogger, systemClock } from '@tsforecast/config';
import { buildContainer } from '@tsforecast/app';
import { createServerTestDatabase, migratedTemplate, type ServerTestDatabase } from '@tsforecast/app/testing';
import { TokenVerifier } from '@tsforecast/service';
import { registerModelVersions } from '@tsforecast/service/testing';
import { cliSandbox, runCli } from './testing/run-cli';

jest.setTimeout(300_000);

const secret = 'cli-test-secret-of-at-least-32-characters';

describe('cli token create', () => {
  it('prints only the token on stdout; it verifies with the same JWT_SECRET and carries the scopes', async () => {
    const run = runCli(['token', 'create', '--sub', 'dashboard', '--scopes', 'read,forecast', '--ttl', '2h'], { JWT_SECRET: secret });
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(run.stderr).toMatch(/^token for 'dashboard' with scopes read, forecast, expires \d{4}-/);
    const verifier = new TokenVerifier(loadSettings({ env: { JWT_SECRET: secret }, cwd: '/nonexistent' }), systemClock);
    expect(await verifier.verify(token)).toEqual({ subject: 'dashboard', scopes: ['read', 'forecast'] });
  });

  it('exits 2 naming the problem: unknown scope, bad lifetime, no JWT_SECRET (never printing a secret)', () => {
    const badScope = runCli(['token', 'create', '--sub', 'x', '--scopes', 'read,root'], { JWT_SECRET: secret });
    expect([badScope.code, badScope.stderr]).toEqual([
      2,
      "error: 'scopes' has unknown scope 'root'; valid scopes: read, forecast, train, admin\n",
    ]);
    const badTtl = runCli(['token', 'create', '--sub', 'x', '--scopes', 'read', '--ttl', '2y'], { JWT_SECRET: secret });
    expect(badTtl.code).toBe(2);
    expect(badTtl.stderr).toMatch(/'ttl' must be a positive duration like 30d/);
    const noSecret = runCli(['token', 'create', '--sub', 'x', '--scopes', 'read'], { JWT_SECRET: '' });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/^error: JWT_SECRET is not set/);
    const shortSecret = runCli(['token', 'create', '--sub', 'x', '--scopes', 'read'], { JWT_SECRET: 'tooShortZq8' });
    expect(shortSecret.code).toBe(2);
    expect(shortSecret.stderr).not.toMatch(/Zq8/);
  });
});

describe('cli models list / promote', () => {
  let server: ServerTestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    // A copy of the migrated template: this file is not about migrations (integrity.e2e's are).
    server = await createServerTestDatabase(undefined, await migratedTemplate());
    env = { ...cliSandbox('tsf-cli-registry-').env, DATABASE_URL: server.url };
    const runtime = await buildContainer(loadSettings({ env, cwd: '/nonexistent' }), { tty: false, logger: silentLogger });
    try {
      await registerModelVersions(runtime.container, 'NHITS', 3);
    } finally {
      await runtime.close();
    }
  });
  afterAll(() => server?.drop());

  it('promotes NHITS@3 to production over NHITS@2 and lists the stages', () => {
    expect(runCli(['models', 'promote', 'NHITS@2', 'production'], env).stdout).toBe('NHITS@2: none -> production\n');
    const promoted = runCli(['models', 'promote', 'NHITS@3', 'production'], env);
    expect([promoted.code, promoted.stdout]).toEqual([0, 'NHITS@2: production -> archived\nNHITS@3: none -> production\n']);
    const list = runCli(['models', 'list'], env);
    expect(list.code).toBe(0);
    const rows = list.stdout
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => line.split(/\s+/).slice(0, 2).join(' '));
    expect(rows).toEqual(['NHITS@3 production', 'NHITS@2 archived', 'NHITS@1 none']);
  });

  it('exits 2 for a bad stage, an unknown version, and a version already in the stage', () => {
    const badStage = runCli(['models', 'promote', 'NHITS@1', 'prod'], env);
    expect([badStage.code, badStage.stderr]).toEqual([2, 'error: \'stage\' must be one of staging, production, archived, got "prod"\n']);
    const unknown = runCli(['models', 'promote', 'NHITS@9', 'staging'], env);
    expect([unknown.code, unknown.stderr]).toEqual([2, "error: Model 'NHITS@9' not found; known models: NHITS@1..3\n"]);
    const again = runCli(['models', 'promote', 'NHITS@production', 'production'], env);
    expect([again.code, again.stderr]).toEqual([2, "error: NHITS@3 is already 'production'\n"]);
  });
});
