import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@tsforecast/config/testing';
import { acquireEmbeddedLock } from './embedded-lock';

/** The pid of a process that has exited (so `kill(pid, 0)` fails with ESRCH). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('acquireEmbeddedLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsf-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes our pid into the lock file and removes it on release', () => {
    const lockPath = join(dir, 'pgdata.lock');
    const lock = acquireEmbeddedLock(lockPath, join(dir, 'pgdata'), new MemoryLogger());
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    lock.release(); // idempotent
  });

  it('refuses a lock held by a live process, naming the directory and the pid', () => {
    const lockPath = join(dir, 'pgdata.lock');
    writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, startedAt: new Date().toISOString() }));
    expect(() => acquireEmbeddedLock(lockPath, join(dir, 'pgdata'), new MemoryLogger())).toThrow(
      new RegExp(
        `^Embedded database .*pgdata is in use by process ${process.ppid}; stop it or set DATABASE_URL to a PostgreSQL server`,
      ),
    );
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.ppid); // left alone
  });

  it('refuses a second open from the same process', () => {
    const lockPath = join(dir, 'pgdata.lock');
    const lock = acquireEmbeddedLock(lockPath, 'x', new MemoryLogger());
    expect(() => acquireEmbeddedLock(lockPath, 'x', new MemoryLogger())).toThrow(`in use by process ${process.pid}`);
    lock.release();
  });

  it('takes over a stale lock (dead pid) and says so in the log', () => {
    const lockPath = join(dir, 'pgdata.lock');
    const stale = deadPid();
    writeFileSync(lockPath, JSON.stringify({ pid: stale, startedAt: '2020-01-01T00:00:00.000Z' }));
    const logger = new MemoryLogger();
    const lock = acquireEmbeddedLock(lockPath, 'x', logger);
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    expect(logger.records).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringMatching(/stale/), fields: expect.objectContaining({ stalePid: stale }) }),
    );
    lock.release();
  });

  it('treats an empty (torn) lock file as stale', () => {
    const lockPath = join(dir, 'pgdata.lock');
    writeFileSync(lockPath, '');
    const lock = acquireEmbeddedLock(lockPath, 'x', new MemoryLogger());
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('does not remove a lock that another process took after ours was released', () => {
    const lockPath = join(dir, 'pgdata.lock');
    const lock = acquireEmbeddedLock(lockPath, 'x', new MemoryLogger());
    writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, startedAt: 'later' }));
    lock.release();
    expect(existsSync(lockPath)).toBe(true);
  });
});
