import { TsforecastError, redactSecrets, type Logger } from '@tsforecast/config';
import { DataSource } from 'typeorm';
import type { Database } from './database';
import { commonOptions } from './typeorm-options';

/** `host:port/database` (and user) of a postgres URL, without the password. */
export function describeServerUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const port = parsed.port === '' ? '5432' : parsed.port;
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)';
    const user = parsed.username === '' ? '' : ` as ${decodeURIComponent(parsed.username)}`;
    return `PostgreSQL server ${parsed.hostname}:${port}/${database}${user}`;
  } catch {
    return `PostgreSQL server ${redactSecrets(url)}`;
  }
}

/**
 * Connects TypeORM to a PostgreSQL server. A failure names the server and the
 * cause, never the password: the cause's message is redacted and the original
 * error (whose fields may hold the connection config) is not attached.
 * @internal
 */
export async function openServer(url: string, logger: Logger): Promise<Database> {
  const where = describeServerUrl(url);
  const dataSource = new DataSource({
    ...commonOptions,
    url,
    poolSize: 10,
    connectTimeoutMS: 10_000,
    applicationName: 'tsforecast',
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    const cause = error instanceof Error ? error.message || error.name : String(error);
    const code = (error as { code?: unknown }).code;
    throw new TsforecastError(
      `Cannot connect to ${where}: ${redactSecrets(cause)}${typeof code === 'string' && !cause.includes(code) ? ` (${code})` : ''}`,
    );
  }
  logger.debug('opened database', { database: where });
  let closed = false;
  return {
    dataSource,
    kind: 'server',
    describe: () => where,
    close: async () => {
      if (closed) return;
      closed = true;
      await dataSource.destroy();
    },
  };
}
