import type { Logger } from '@tsforecast/config';
import type { Database } from './database';
import { ensureEmbeddedServer, recordedAddress, type EmbeddedServerAddress } from './embedded-server/embedded-server';
import { serverLayout } from './embedded-server/server-layout';
import { connectPostgres } from './open-server';

/**
 * Opens the embedded PostgreSQL server on `<DATA_DIR>/postgres` through the
 * same connection code as a remote server. The common case (the server runs)
 * costs one connection: the pool connects straight to the port in
 * `postmaster.pid`; only when that fails (no server, a stale file) does it go
 * through {@link ensureEmbeddedServer}, which starts it.
 * @internal
 */
export async function openEmbedded(dataDir: string, cwd: string, logger: Logger): Promise<Database> {
  const layout = serverLayout(dataDir, cwd);
  const recorded = recordedAddress(layout);
  if (recorded !== null) {
    try {
      return await connect(recorded, layout.logFile, logger);
    } catch {
      logger.debug('the embedded server recorded in postmaster.pid does not answer; starting it', { pgdata: layout.pgdata });
    }
  }
  return connect(await ensureEmbeddedServer(dataDir, cwd, logger), layout.logFile, logger);
}

function connect(server: EmbeddedServerAddress, logFile: string, logger: Logger): Promise<Database> {
  const url = new URL(`postgres://${server.host}:${server.port}/${server.database}`);
  url.username = server.user;
  url.password = server.password;
  return connectPostgres(
    url.toString(),
    {
      kind: 'embedded',
      where: `embedded PostgreSQL server ${server.host}:${server.port} (data ${server.pgdata})`,
      hint: `see ${logFile}, or run \`cli db stop\` and retry`,
    },
    logger,
  );
}
