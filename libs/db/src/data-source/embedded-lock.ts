import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, type Logger } from '@tsforecast/config';

/** Contents of the lock file. */
interface LockOwner {
  pid: number;
  startedAt: string;
}

/** A held lock; `release()` is idempotent. */
export interface EmbeddedLock {
  readonly path: string;
  release(): void;
}

/**
 * Takes `<lockPath>` so that only one process opens an embedded PGlite data
 * directory (PGlite itself does not lock; two writers corrupt it). The file is
 * created with `wx` (fails if it exists) and holds the owner's pid. A lock
 * whose pid is no longer alive is stale (the owner crashed) and is taken over.
 * The lock is released by `release()` and, as a fallback, when the process exits.
 *
 * @example
 * const lock = acquireEmbeddedLock('.data/pgdata.lock', '.data/pgdata', logger);
 * try { ... } finally { lock.release(); }
 */
export function acquireEmbeddedLock(lockPath: string, dataDir: string, logger: Logger): EmbeddedLock {
  createDataRoot(dirname(lockPath));
  const owner: LockOwner = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, JSON.stringify(owner));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new ConfigError(`DATA_DIR: cannot write the lock file ${lockPath} (${code ?? (error as Error).message}); expected a writable directory`);
      }
      if (attempt > 0) throw error;
      const text = readLockText(lockPath);
      const current = parseOwner(text);
      if (current !== null && isAlive(current.pid)) {
        throw new ConfigError(
          `Embedded database ${dataDir} is in use by process ${current.pid}; stop it or set DATABASE_URL to a PostgreSQL server (lock file ${lockPath})`,
        );
      }
      logger.warn('taking over stale embedded database lock', { lockPath, stalePid: current?.pid ?? null });
      // Re-read right before removing: narrows the window in which two
      // processes both see the same stale lock and one removes the other's new lock.
      if (readLockText(lockPath) === text) removeQuietly(lockPath);
    }
  }

  const ownText = JSON.stringify(owner);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    // Remove only our own lock, never one another process has taken since.
    if (readLockText(lockPath) === ownText) removeQuietly(lockPath);
  };
  process.on('exit', release);
  return { path: lockPath, release };
}

/** The folder of the lock (DATA_DIR); one that cannot be made is a configuration error. */
function createDataRoot(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new ConfigError(`DATA_DIR: cannot create the embedded database folder ${dir} (${code ?? message}); expected a writable directory path`);
  }
}

function readLockText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function parseOwner(text: string | null): LockOwner | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0
      ? { pid: value.pid, startedAt: String(value.startedAt) }
      : null;
  } catch {
    // Empty or torn file: its writer died between create and write.
    return null;
  }
}

/** `kill(pid, 0)` checks existence without sending a signal; EPERM means it exists but is not ours. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
