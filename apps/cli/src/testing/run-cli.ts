import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
const main = resolve(__dirname, '../main.ts');

/** What a CLI process left: its exit code and output. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI as a user does (`tsx apps/cli/src/main.ts …`) in its own
 * process, JSON logs at `warn`: each call is a process restart.
 */
export function runCli(args: readonly string[], env: Record<string, string>): CliRun {
  const run = spawnSync(tsx, [main, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'warn', ...env },
    timeout: 400_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A fresh temp folder and the settings that put the embedded database, models, outputs and logs in it. */
export function cliSandbox(prefix: string): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // mkdtemp makes it 0700; the embedded PostgreSQL server runs as 'postgres' when tests run as root and must reach DATA_DIR inside.
  chmodSync(dir, 0o755);
  return { dir, env: { DATA_DIR: join(dir, 'data'), MODEL_DIR: join(dir, 'models'), OUTPUT_DIR: join(dir, 'out'), LOG_DIR: join(dir, 'logs') } };
}

/**
 * Starts the CLI like {@link runCli}, JSON logs at `info`, and SIGKILLs its whole
 * process group (tsx runs the program in a child) `delayMs` after a stderr
 * line matches `killWhen`. Resolves with the output up to the kill, or
 * rejects if the process ends first.
 */
export function runCliUntilKilled(args: readonly string[], env: Record<string, string>, killWhen: RegExp, delayMs = 0): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tsx, [main, ...args], { cwd: root, detached: true, env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env } });
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
    child.on('close', (code, signal) => (signal === 'SIGKILL' ? resolvePromise({ code, stdout, stderr }) : reject(new Error(`the CLI ended (code ${code}) before it was killed (${killed ? 'line matched' : `no line matched ${killWhen}`}):\n${stderr}`))));
  });
}
