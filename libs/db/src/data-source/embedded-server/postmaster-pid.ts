import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What PostgreSQL's own lock file, `<PGDATA>/postmaster.pid`, says about the server on a data directory. */
export interface PostmasterState {
  readonly pid: number;
  readonly port: number;
  /** `starting`, `ready`, `stopping` or `standby` (PM_STATUS_* in PostgreSQL's pidfile.h). */
  readonly status: string;
}

/**
 * Reads `postmaster.pid` (line 1 pid, line 4 port, line 8 status). This is
 * the connection file: PostgreSQL writes it, keeps it current and refuses a
 * second server on the directory while it names a live postmaster. A file left
 * by a killed server is stale; callers find out by connecting.
 *
 * @returns null when there is no (complete) file.
 */
export function readPostmasterPid(pgdata: string): PostmasterState | null {
  let text: string;
  try {
    text = readFileSync(join(pgdata, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  return { pid, port, status: (lines[7] ?? '').trim() };
}
