import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Logger } from '@tsforecast/config';

/** A held start lock; `release()` is idempotent. */
export interface StartLock {
  release(): void;
}

/**
 * A lock older than this is stale whatever pid it names: a start (initdb
 * included) takes seconds, and a pid may be alive yet someone else's (the
 * file outlived a container whose pid namespace is gone).
 */
export const startLockStaleMs = 120_000;

/**
 * Tries once to take the start lock by exclusive create: only its holder may
 * run initdb or pg_ctl start on this data folder. Returns null while another
 * live starter holds it; removes a stale lock (its pid gone, written on
 * another host, or older than {@link startLockStaleMs}) and retries.
 *
 * This only serialises starters; two servers on one data folder are prevented
 * by PostgreSQL itself (`postmaster.pid`).
 */
export function tryStartLock(path: string, logger: Logger, now: () => number = Date.now): StartLock | null {
  const owner = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date(now()).toISOString() });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, owner);
      } finally {
        closeSync(fd);
      }
      return lockReleasing(path, owner);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = readQuietly(path);
    const stale = staleReason(path, now());
    if (stale === null) return null;
    logger.warn('removing a stale embedded PostgreSQL start lock', { lock: path, reason: stale });
    // Only the stale lock we judged: another starter may have replaced it meanwhile.
    if (readQuietly(path) === seen) removeQuietly(path);
  }
  return null;
}

function lockReleasing(path: string, owner: string): StartLock {
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      // Remove only our own lock, never one another starter took after ours went stale.
      if (readQuietly(path) === owner) removeQuietly(path);
    },
  };
}

/** Why the lock at `path` is stale, or null when its holder may still be working. */
function staleReason(path: string, now: number): string | null {
  const text = readQuietly(path);
  if (text === null) return 'gone';
  let ageMs: number;
  try {
    ageMs = now - statSync(path).mtimeMs;
  } catch {
    return 'gone';
  }
  if (ageMs > startLockStaleMs) return `older than ${startLockStaleMs / 1000} s`;
  let holder: { pid?: unknown; host?: unknown };
  try {
    holder = JSON.parse(text) as typeof holder;
  } catch {
    // Torn or empty: written by a starter that died between create and write, or still writing.
    return ageMs > 5_000 ? 'unreadable' : null;
  }
  if (holder.host !== hostname()) return null;
  return typeof holder.pid === 'number' && !isAlive(holder.pid) ? `process ${holder.pid} is gone` : null;
}

/** `kill(pid, 0)` checks existence; EPERM means it exists under another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readQuietly(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
