import { spawn } from 'node:child_process';
import type { ServerAccount } from './server-account';

/** Exit code and combined output of a PostgreSQL program. */
export interface ProgramResult {
  readonly code: number | null;
  readonly output: string;
}

/**
 * Runs a PostgreSQL program (initdb, pg_ctl) as the server's account and
 * collects its output. `detached` puts it in its own session and process
 * group, so a server it starts is not killed with the starter's group
 * (Ctrl-C, `kill -9 -<pgid>`, a supervisor stopping the CLI).
 */
export function runPostgresProgram(program: string, args: readonly string[], account: ServerAccount): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Messages in English, whatever the user's locale: the output ends up in our errors.
      env: { ...process.env, LC_ALL: 'C', LANG: 'C', LC_MESSAGES: 'C' },
      ...(account.uid !== null && account.gid !== null ? { uid: account.uid, gid: account.gid } : {}),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
