import type { Logger } from '@tsforecast/config';
import type { Database } from './database';
import { ensureEmbeddedServer } from './embedded-server/embedded-server';
import { serverLayout } from './embedded-server/server-layout';
import { connectPostgres } from './open-server';

/**
 * Opens the embedded PostgreSQL server on `<DATA_DIR>/postgres` (starting it
 * if nothing answers there) through the same connection code as a remote server.
 * @internal
 */
export async function openEmbedded(dataDir: string, cwd: string, logger: Logger): Promise<Database> {
  const server = await ensureEmbeddedServer(dataDir, cwd, logger);
  const url = new URL(`postgres://${server.host}:${server.port}/${server.database}`);
  url.username = server.user;
  url.password = server.password;
  return connectPostgres(
    url.toString(),
    {
      kind: 'embedded',
      where: `embedded PostgreSQL server ${server.host}:${server.port} (data ${server.pgdata})`,
      hint: `see ${serverLayout(dataDir, cwd).logFile}, or run \`cli db stop\` and retry`,
    },
    logger,
  );
}
