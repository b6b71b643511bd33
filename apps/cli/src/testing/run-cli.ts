import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stopDatabaseServer } from '@tsforecast/app';
import { createServerTestDatabase, migratedTemplate, type ServerTestDatabase } from '@tsforecast/app/testing';
import { loadSettings, silentLogger } from '@tsforecast/config';
import { cliEntry } from './cli-entry';

const root = resolve(__dirname, '../../../..');

/** What a CLI process left: its exit code and output. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI as a user does (the built program, or `tsx apps/cli/src/main.ts …`
 * when the build is older than the sources: see {@link cliEntry}) in its own
 * process, JSON logs at `warn`: each call is a process restart.
 */
export function runCli(args: readonly string[], env: Record<string, string>): CliRun {
  const { command, args: before } = cliEntry();
  const run = spawnSync(command, [...before, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'warn', ...env },
    timeout: 400_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The settings of every sandbox this test file made: their embedded servers are stopped after its tests. */
const sandboxes: Record<string, string>[] = [];

// The embedded PostgreSQL server outlives the CLI processes (later commands reuse it): stop each sandbox's
// server when the test file is done, or every run would leave servers behind. Registered once, at import.
if (typeof afterAll === 'function') {
  afterAll(async () => {
    for (const env of sandboxes) await stopDatabaseServer(loadSettings({ env, cwd: root }), silentLogger, root);
  }, 120_000);
}

/**
 * A fresh temp folder and the settings that put the embedded database, models,
 * outputs and logs in it. The sandbox's embedded server is stopped after the
 * test file (a `DATABASE_URL` added to `env` later means there is none).
 * Starting that server costs seconds (initdb, then start): tests that are not
 * about the embedded server use {@link cliServerSandbox}.
 */
export function cliSandbox(prefix: string): { dir: string; env: Record<string, string> } {
  const { dir, env } = sandboxFolders(prefix);
  sandboxes.push(env);
  return { dir, env };
}

/**
 * Like {@link cliSandbox}, but the CLI processes use a fresh, migrated database
 * on the PostgreSQL test server (`TEST_DATABASE_URL`, else 127.0.0.1:5432)
 * instead of an embedded server: `env.DATABASE_URL` is set before the tests of
 * the enclosing block run, and the database is dropped after them. Call it at
 * the top of a test file or a `describe` block (it registers the hooks).
 *
 * @example
 * const { dir, env } = cliServerSandbox('tsf-cli-serving-');
 * it('trains', () => expect(runCli(['train', '--models', 'Naive'], env).code).toBe(0));
 */
export function cliServerSandbox(prefix: string): { dir: string; env: Record<string, string> } {
  const { dir, env } = sandboxFolders(prefix);
  let database: ServerTestDatabase | undefined;
  beforeAll(async () => {
    database = await createServerTestDatabase(undefined, await migratedTemplate());
    env['DATABASE_URL'] = database.url;
  });
  afterAll(() => database?.drop());
  return { dir, env };
}

/** A fresh temp folder and the settings that put the embedded database's files, models, outputs and logs in it. */
function sandboxFolders(prefix: string): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // mkdtemp makes it 0700; the embedded PostgreSQL server runs as 'postgres' when tests run as root and must reach DATA_DIR inside.
  chmodSync(dir, 0o755);
  const env: Record<string, string> = {
    DATA_DIR: join(dir, 'data'),
    MODEL_DIR: join(dir, 'models'),
    OUTPUT_DIR: join(dir, 'out'),
    LOG_DIR: join(dir, 'logs'),
  };
  return { dir, env };
}

/**
 * Starts the CLI like {@link runCli}, JSON logs at `info`, and SIGKILLs its whole
 * process group (its job processes; under tsx, the program too) `delayMs` after a stderr
 * line matches `killWhen`. Resolves with the output up to the kill, or
 * rejects if the process ends first.
 */
export function runCliUntilKilled(args: readonly string[], env: Record<string, string>, killWhen: RegExp, delayMs = 0): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const { command, args: before } = cliEntry();
    const child = spawn(command, [...before, ...args], {
      cwd: root,
      detached: true,
      env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!killed && killWhen.test(stderr)) {
        killed = true;
        setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), delayMs);
      }
    });
    child.on('close', (code, signal) =>
      signal === 'SIGKILL'
        ? resolvePromise({ code, stdout, stderr })
        : reject(
            new Error(
              `the CLI ended (code ${code}) before it was killed (${killed ? 'line matched' : `no line matched ${killWhen}`}):\n${stderr}`,
            ),
          ),
    );
  });
}
