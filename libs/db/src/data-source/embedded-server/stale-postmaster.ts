import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@tsforecast/config';
import { readPostmasterPid } from './postmaster-pid';

/**
 * Removes `postmaster.pid` when it names a live process that is not a
 * postmaster on this data directory. That happens after a container is killed
 * and restarted: pids start again from 1 and the file's pid now belongs to
 * something else; PostgreSQL sees a live pid and refuses to start ("lock file
 * already exists") until someone deletes the file by hand.
 *
 * Only on Linux (it reads /proc/<pid>/cmdline; elsewhere PostgreSQL decides
 * alone) and only while holding the start lock with nothing answering on the
 * recorded port. A dead pid is left to PostgreSQL, which handles it itself;
 * PostgreSQL's shared-memory check still guards against old backends.
 *
 * @returns true when it removed the file.
 */
export function removeForeignPostmasterPid(pgdata: string, logger: Logger): boolean {
  if (process.platform !== 'linux') return false;
  const state = readPostmasterPid(pgdata);
  if (state === null) return false;
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${state.pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return false; // not alive (or not visible): PostgreSQL's own check applies
  }
  const isOurPostmaster = /(^|\/)postgres$/.test(argv[0] ?? '') && argv.includes(pgdata);
  if (isOurPostmaster) return false;
  logger.warn("removing a stale postmaster.pid: its pid now belongs to another program (a restarted container's pid namespace)", {
    pgdata,
    pid: state.pid,
    program: argv[0],
  });
  unlinkSync(join(pgdata, 'postmaster.pid'));
  return true;
}
