import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@tsforecast/config/testing';
import { startLockStaleMs, tryStartLock } from './start-lock';

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
}

describe('tryStartLock', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsf-start-lock-'));
    path = join(dir, 'start.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is exclusive while held and gone after release (release is idempotent)', () => {
    const lock = tryStartLock(path, new MemoryLogger())!;
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    expect(tryStartLock(path, new MemoryLogger())).toBeNull();
    lock.release();
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('waits for a live holder on this host', () => {
    writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname(), at: new Date().toISOString() }));
    expect(tryStartLock(path, new MemoryLogger())).toBeNull();
  });

  it.each([
    ['its pid is gone', () => ({ pid: deadPid(), host: hostname() }), 0, /process \d+ is gone/],
    [
      'it is older than the limit, whatever its pid (a container pid may be alive on the host)',
      () => ({ pid: process.ppid, host: hostname() }),
      startLockStaleMs + 1_000,
      /older than 120 s/,
    ],
    ['it is unreadable and not fresh', () => null, 10_000, /unreadable/],
  ])('takes over a lock when %s, with a warning', (_case, holder, ageMs, reason) => {
    const content = holder();
    writeFileSync(path, content === null ? '{"pid":' : JSON.stringify(content));
    const then = (Date.now() - ageMs) / 1000;
    utimesSync(path, then, then);
    const logger = new MemoryLogger();
    const lock = tryStartLock(path, logger);
    expect(lock).not.toBeNull();
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    expect(logger.records).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'removing a stale embedded PostgreSQL start lock',
        fields: expect.objectContaining({ reason: expect.stringMatching(reason) }),
      }),
    );
    lock!.release();
  });

  it('does not judge a fresh lock from another host by its pid', () => {
    writeFileSync(path, JSON.stringify({ pid: deadPid(), host: `${hostname()}-elsewhere` }));
    expect(tryStartLock(path, new MemoryLogger())).toBeNull();
  });

  it('never removes a lock another starter took after ours', () => {
    const lock = tryStartLock(path, new MemoryLogger())!;
    writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname() }));
    lock.release();
    expect(existsSync(path)).toBe(true);
  });
});
