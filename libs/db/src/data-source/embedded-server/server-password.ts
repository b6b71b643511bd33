import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { ConfigError, rememberSecret } from '@tsforecast/config';
import type { ServerAccount } from './server-account';

/**
 * The embedded superuser's password: read from `path`, or, on first use,
 * generated (32 random bytes, base64url) and written with mode 0600 (exclusive
 * create, so two first starters cannot write different ones). It is remembered
 * for log redaction and never printed.
 *
 * @param clusterExists true when PGDATA is initialised: a missing file is then an error, not a new password.
 */
export function readOrCreatePassword(path: string, account: ServerAccount, clusterExists: boolean): string {
  if (!existsSync(path)) {
    if (clusterExists) {
      throw new ConfigError(
        `The embedded PostgreSQL password file ${path} is missing, but the cluster next to it exists; ` +
          'restore the file, or remove the whole folder to start empty, or set DATABASE_URL',
      );
    }
    writeNewPassword(path, account);
  }
  const password = readFileSync(path, 'utf8').trim();
  if (password.length === 0)
    throw new ConfigError(`The embedded PostgreSQL password file ${path} is empty; expected the generated password`);
  rememberSecret(password);
  return password;
}

function writeNewPassword(path: string, account: ServerAccount): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
  } finally {
    closeSync(fd);
  }
  // initdb reads it (--pwfile) as the server's account.
  if (account.uid !== null && account.gid !== null) chownSync(path, account.uid, account.gid);
}
