import { ConfigError, describeConnectionTarget, passwordsOf, redactSecrets, rememberSecret, type Logger } from '@tsforecast/config';
import { DataSource } from 'typeorm';
import type { Database, DatabaseKind } from './database';
import { commonOptions } from './typeorm-options';

/**
 * `PostgreSQL server host:port/database as user` of a postgres URL, never the
 * password. Split by hand (never throws), so it works for URLs the driver
 * cannot parse, too.
 */
export function describeServerUrl(url: string): string {
  return describeConnectionTarget(url);
}

/**
 * Connects TypeORM to a PostgreSQL server. Any failure to connect is a
 * configuration error (exit code 2) naming the server and the cause, never the
 * password: the URL's password is remembered for scrubbing, the cause's message
 * is redacted, and the original error (whose fields may hold the connection
 * config) is not attached.
 * @internal
 */
export async function openServer(url: string, logger: Logger): Promise<Database> {
  for (const secret of passwordsOf(url)) rememberSecret(secret);
  const where = describeServerUrl(url);
  requireParsableUrl(url, where);
  return connectPostgres(url, { kind: 'server', where, hint: 'check DATABASE_URL' }, logger);
}

/** How {@link connectPostgres} labels the database it opens. @internal */
export interface PostgresTarget {
  readonly kind: DatabaseKind;
  /** Safe to log: no password. */
  readonly where: string;
  /** Appended to a connection error: what the user can do. */
  readonly hint: string;
}

/**
 * The one way the project connects to PostgreSQL, a remote server or the
 * embedded one: a TypeORM data source over a pg pool of 10.
 * @internal
 */
export async function connectPostgres(url: string, target: PostgresTarget, logger: Logger): Promise<Database> {
  let dataSource: DataSource | undefined;
  try {
    dataSource = new DataSource({
      ...commonOptions,
      url,
      poolSize: 10,
      connectTimeoutMS: 10_000,
      applicationName: 'tsforecast',
    });
    await dataSource.initialize();
  } catch (error) {
    const cause = error instanceof Error ? error.message || error.name : String(error);
    const code = (error as { code?: unknown }).code;
    throw new ConfigError(
      `Cannot connect to ${target.where}: ${redactSecrets(cause)}${typeof code === 'string' && !cause.includes(code) ? ` (${code})` : ''}; ${target.hint}`,
    );
  }
  logger.debug('opened database', { database: target.where });
  const opened = dataSource;
  let closed = false;
  return {
    dataSource: opened,
    kind: target.kind,
    describe: () => target.where,
    close: async () => {
      if (closed) return;
      closed = true;
      await opened.destroy();
    },
  };
}

/** The driver parses the URL with WHATWG rules; say what is wrong before it does (and quotes the URL). */
function requireParsableUrl(url: string, where: string): void {
  try {
    // The driver also percent-decodes the user name and password.
    const parsed = new URL(url);
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.password);
  } catch {
    throw new ConfigError(
      `DATABASE_URL for ${where} is not a valid URL: expected postgres://user:password@host:port/database, ` +
        `with reserved characters in the user name and password percent-encoded (e.g. '/' as %2F, '@' as %40, '#' as %23)`,
    );
  }
}
