import { appendFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError, type Logger } from '@tsforecast/config';
import { runPostgresProgram } from './pg-programs';
import type { PostgresBinaries } from './postgres-binaries';
import type { ServerAccount } from './server-account';
import { embeddedUser, type ServerLayout } from './server-layout';

/** Settings every embedded cluster gets: TCP on loopback only, no Unix socket (no lock files in /tmp to collide on). */
const clusterSettings = ["listen_addresses = '127.0.0.1'", "unix_socket_directories = ''"];

/**
 * Creates the cluster with initdb (superuser `tsforecast`, scram-sha-256,
 * UTF8, C locale). initdb writes into a scratch folder that is renamed to
 * PGDATA only when complete, so an initdb killed half-way never leaves a
 * PGDATA that looks usable; scratch folders of earlier such deaths are removed.
 * Call only while holding the start lock.
 */
export async function initialiseCluster(
  binaries: PostgresBinaries,
  layout: ServerLayout,
  account: ServerAccount,
  logger: Logger,
): Promise<void> {
  removeAbandonedScratch(layout);
  const scratch = `${layout.pgdata}.init-${process.pid}`;
  logger.info('creating the embedded PostgreSQL cluster (once; takes a few seconds)', { pgdata: layout.pgdata });
  const result = await runPostgresProgram(
    binaries.initdb,
    [
      `--pgdata=${scratch}`,
      `--username=${embeddedUser}`,
      '--auth=scram-sha-256',
      `--pwfile=${layout.passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ],
    account,
  );
  if (result.code !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new ConfigError(
      `initdb failed for the embedded PostgreSQL cluster ${layout.pgdata} (exit ${result.code}): ${lastLines(result.output)}`,
    );
  }
  appendFileSync(join(scratch, 'postgresql.conf'), `\n# tsforecast embedded server\n${clusterSettings.join('\n')}\n`);
  renameSync(scratch, layout.pgdata);
}

function removeAbandonedScratch(layout: ServerLayout): void {
  const prefix = `${basename(layout.pgdata)}.init-`;
  if (!existsSync(layout.root)) return;
  for (const name of readdirSync(layout.root)) {
    if (name.startsWith(prefix)) rmSync(join(dirname(layout.pgdata), name), { recursive: true, force: true });
  }
}

/** The last few lines of a program's output, for an error message. */
export function lastLines(output: string, count = 4): string {
  return output.trim().split('\n').slice(-count).join(' | ');
}
