import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, rememberSecret, type Logger } from '@tsforecast/config';
import { Client } from 'pg';
import { initialiseCluster, lastLines } from './cluster-init';
import { freeLoopbackPort } from './free-port';
import { runPostgresProgram } from './pg-programs';
import { readPostmasterPid } from './postmaster-pid';
import { locatePostgresBinaries } from './postgres-binaries';
import { prepareServerFolder, resolveServerAccount } from './server-account';
import { embeddedDatabaseName, embeddedUser, serverLayout, type ServerLayout } from './server-layout';
import { readOrCreatePassword } from './server-password';
import { removeForeignPostmasterPid } from './stale-postmaster';
import { tryStartLock } from './start-lock';

/** Where a running embedded server listens and how to log in. */
export interface EmbeddedServerAddress {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** The postmaster's pid (from `postmaster.pid`). */
  readonly pid: number;
  readonly pgdata: string;
}

/** Options of {@link ensureEmbeddedServer}. */
export interface EnsureServerOptions {
  /** How long to wait for another process that is starting the server; default 120 s. */
  timeoutMs?: number;
}

/**
 * Returns the address of the embedded PostgreSQL server on `<DATA_DIR>/postgres`,
 * starting it first if no server answers there. The first call ever creates the
 * cluster (initdb, seconds); later starts take about half a second; a process
 * that finds the server running only connects.
 *
 * The server is started detached (`pg_ctl start` in its own session), so it
 * outlives whoever started it, including a `kill -9`, and serves every later
 * CLI, API and worker process until `cli db stop`. Starters take an
 * exclusive-create start lock, so concurrent first processes start one server;
 * PostgreSQL's `postmaster.pid` keeps a second server off the data directory
 * and tells the others the port. A server that died (kill -9, reboot) leaves a
 * stale `postmaster.pid`; the next start finds nothing answering and starts it
 * again, PostgreSQL replaying its WAL.
 *
 * @example
 * const server = await ensureEmbeddedServer('.data', process.cwd(), logger);
 * new Client({ host: server.host, port: server.port, user: server.user, password: server.password });
 */
export async function ensureEmbeddedServer(
  dataDir: string,
  cwd: string,
  logger: Logger,
  options: EnsureServerOptions = {},
): Promise<EmbeddedServerAddress> {
  const layout = serverLayout(dataDir, cwd);
  const running = await answeringServer(layout);
  if (running !== null) return running;

  const account = resolveServerAccount(logger);
  prepareServerFolder(layout.root, account);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const lock = tryStartLock(layout.startLock, logger);
    if (lock !== null) {
      try {
        return (await answeringServer(layout)) ?? (await startServer(layout, account, logger, deadline));
      } finally {
        lock.release();
      }
    }
    // Another process is starting it: wait until it answers or the lock is released.
    const started = await answeringServer(layout);
    if (started !== null) return started;
    if (Date.now() > deadline) {
      throw new ConfigError(
        `Timed out waiting for another process to start the embedded PostgreSQL server on ${layout.pgdata} ` +
          `(start lock ${layout.startLock}); see ${layout.logFile}, or set DATABASE_URL`,
      );
    }
    await sleep(100);
  }
}

/** The running server's address when one answers on this data directory with our password, else null. */
export async function answeringServer(layout: ServerLayout): Promise<EmbeddedServerAddress | null> {
  const address = recordedAddress(layout);
  return address !== null && (await answers(address)) ? address : null;
}

/**
 * Where `postmaster.pid` says a ready server listens, with our password; not
 * checked by connecting (the file may be stale), so a caller that connects
 * anyway saves a round trip and falls back to {@link ensureEmbeddedServer}.
 */
export function recordedAddress(layout: ServerLayout): EmbeddedServerAddress | null {
  if (!existsSync(join(layout.pgdata, 'PG_VERSION')) || !existsSync(layout.passwordFile)) return null;
  const state = readPostmasterPid(layout.pgdata);
  if (state === null || state.status !== 'ready') return null;
  const password = readFileSync(layout.passwordFile, 'utf8').trim();
  rememberSecret(password); // redacted from every log line and error from here on
  return {
    host: '127.0.0.1',
    port: state.port,
    user: embeddedUser,
    password,
    database: embeddedDatabaseName,
    pid: state.pid,
    pgdata: layout.pgdata,
  };
}

/** One connection attempt; false for any failure (nothing listening, a stale port now used by another server). */
async function answers(address: EmbeddedServerAddress): Promise<boolean> {
  const { host, port, user, password, database } = address;
  const client = new Client({ host, port, user, password, database, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** initdb if needed, then `pg_ctl start` on a free port; retried while a killed server's processes still exit. Holds the start lock. */
async function startServer(
  layout: ServerLayout,
  account: ReturnType<typeof resolveServerAccount>,
  logger: Logger,
  deadline: number,
): Promise<EmbeddedServerAddress> {
  const binaries = locatePostgresBinaries();
  const clusterExists = existsSync(join(layout.pgdata, 'PG_VERSION'));
  readOrCreatePassword(layout.passwordFile, account, clusterExists);
  if (!clusterExists) await initialiseCluster(binaries, layout, account, logger);
  removeForeignPostmasterPid(layout.pgdata, logger);
  const began = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    const port = await freeLoopbackPort();
    const result = await runPostgresProgram(
      binaries.pgCtl,
      ['start', '--wait', '--timeout=60', `--pgdata=${layout.pgdata}`, `--log=${layout.logFile}`, `--options=-p ${port}`],
      account,
    );
    const address = result.code === 0 ? await answeringServer(layout) : null;
    if (address !== null) {
      logger.info('started the embedded PostgreSQL server', { pgdata: layout.pgdata, port, pid: address.pid, ms: Date.now() - began });
      return address;
    }
    // The usual cause: the postmaster of a killed server is still exiting (its
    // postmaster.pid names a live pid), or the port was taken in between.
    if (attempt >= 20 || Date.now() > deadline) {
      throw new ConfigError(
        `Cannot start the embedded PostgreSQL server on ${layout.pgdata} (pg_ctl exit ${result.code}: ${lastLines(result.output)}); ` +
          `see ${layout.logFile}, or set DATABASE_URL`,
      );
    }
    logger.debug('embedded PostgreSQL did not start; retrying', { attempt, output: lastLines(result.output) });
    await sleep(250 * Math.min(attempt, 4));
  }
}

/** What `cli db status` reports. */
export interface EmbeddedServerStatus {
  readonly pgdata: string;
  /** initdb has run. */
  readonly initialised: boolean;
  /** Listening and accepting our password. */
  readonly running: boolean;
  readonly port: number | null;
  readonly pid: number | null;
}

/** Whether the embedded server on `<DATA_DIR>/postgres` runs, and where; starts nothing. */
export async function embeddedServerStatus(dataDir: string, cwd: string): Promise<EmbeddedServerStatus> {
  const layout = serverLayout(dataDir, cwd);
  const address = await answeringServer(layout);
  return {
    pgdata: layout.pgdata,
    initialised: existsSync(join(layout.pgdata, 'PG_VERSION')),
    running: address !== null,
    port: address?.port ?? null,
    pid: address?.pid ?? null,
  };
}

/**
 * Stops the embedded server (`pg_ctl stop -m fast`: open sessions are
 * disconnected, their transactions rolled back). Returns false when none was running.
 */
export async function stopEmbeddedServer(dataDir: string, cwd: string, logger: Logger): Promise<boolean> {
  const layout = serverLayout(dataDir, cwd);
  if (readPostmasterPid(layout.pgdata) === null) return false;
  const account = resolveServerAccount(logger);
  const result = await runPostgresProgram(
    locatePostgresBinaries().pgCtl,
    ['stop', '--wait', '--timeout=60', '--mode=fast', `--pgdata=${layout.pgdata}`],
    account,
  );
  if (result.code === 0) {
    logger.info('stopped the embedded PostgreSQL server', { pgdata: layout.pgdata });
    return true;
  }
  // A stale postmaster.pid (the server was killed): nothing to stop.
  if (/Is server running\?|No such process/.test(result.output)) return false;
  throw new ConfigError(
    `Cannot stop the embedded PostgreSQL server on ${layout.pgdata} (pg_ctl exit ${result.code}: ${lastLines(result.output)})`,
  );
}
