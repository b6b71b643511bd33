/**
 * The parts of a connection string, split without a URL parser so that it
 * never throws, whatever the password holds (`/`, `@`, `#`, spaces…). For
 * display and for finding the secret only — never to connect.
 */
export interface ConnectionTarget {
  scheme: string;
  user: string;
  /** The password as written (still percent-encoded); `''` when none. */
  password: string;
  host: string;
  /** `''` when the string names none. */
  port: string;
  database: string;
}

/**
 * Splits `scheme://user:password@host:port/database?query` by hand. The user
 * info ends at the **last** `@` (a password may hold `@` and `/` when not
 * percent-encoded); the user name ends at the first `:` of the user info.
 * Anything unrecognisable gives empty parts, never an exception.
 *
 * @example
 * parseConnectionTarget('postgres://u:Sec/ret@db:5433/x').host; // 'db'
 */
export function parseConnectionTarget(text: string): ConnectionTarget {
  const schemeEnd = text.indexOf('://');
  const scheme = schemeEnd > 0 ? text.slice(0, schemeEnd) : '';
  const rest = schemeEnd > 0 ? text.slice(schemeEnd + 3) : text;
  const at = rest.lastIndexOf('@');
  const userInfo = at >= 0 ? rest.slice(0, at) : '';
  const colon = userInfo.indexOf(':');
  const user = colon >= 0 ? userInfo.slice(0, colon) : userInfo;
  const password = colon >= 0 ? userInfo.slice(colon + 1) : '';
  const location = at >= 0 ? rest.slice(at + 1) : rest;
  const pathStart = firstIndexOf(location, '/?#');
  const hostPort = location.slice(0, pathStart);
  const path = location.slice(pathStart);
  const { host, port } = splitHostPort(hostPort);
  const database = path.startsWith('/') ? path.slice(1, firstIndexOf(path.slice(1), '?#') + 1) : '';
  return { scheme, user: decodeQuietly(user), password, host, port, database: decodeQuietly(database) };
}

/**
 * `PostgreSQL server host:port/database as user`, never the password; parts the
 * string lacks are shown as PostgreSQL's defaults would fill them.
 */
export function describeConnectionTarget(text: string): string {
  const target = parseConnectionTarget(text);
  const host = target.host === '' ? 'localhost' : target.host;
  const port = target.port === '' ? '5432' : target.port;
  const database = target.database === '' ? '(default)' : target.database;
  const user = target.user === '' ? '' : ` as ${target.user}`;
  return `PostgreSQL server ${host}:${port}/${database}${user}`;
}

/**
 * Every form in which the connection string's password may show up in a
 * message: as written, percent-decoded, and a `password=` query value.
 */
export function passwordsOf(text: string): string[] {
  const found = new Set<string>();
  const { password } = parseConnectionTarget(text);
  if (password !== '') {
    found.add(password);
    found.add(decodeQuietly(password));
  }
  for (const match of text.matchAll(/[?&]password=([^&#]*)/gi)) {
    if (match[1]) {
      found.add(match[1]);
      found.add(decodeQuietly(match[1]));
    }
  }
  return [...found].filter((secret) => secret !== '');
}

function splitHostPort(hostPort: string): { host: string; port: string } {
  // `[::1]:5432`: an IPv6 literal keeps its colons.
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    const after = close >= 0 ? hostPort.slice(close + 1) : '';
    return { host: close >= 0 ? hostPort.slice(0, close + 1) : hostPort, port: after.startsWith(':') ? after.slice(1) : '' };
  }
  const colon = hostPort.lastIndexOf(':');
  return colon >= 0 ? { host: hostPort.slice(0, colon), port: hostPort.slice(colon + 1) } : { host: hostPort, port: '' };
}

function firstIndexOf(text: string, characters: string): number {
  for (let i = 0; i < text.length; i += 1) if (characters.includes(text[i]!)) return i;
  return text.length;
}

function decodeQuietly(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
