import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../settings/load-settings';
import { describeConnectionTarget, parseConnectionTarget } from './connection-target';
import { forgetSecrets, rememberSecret } from './known-secrets';
import { redactSecrets } from './redact-secrets';

/** Every printable ASCII character (space to `~`). */
const printable = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));
/** One password per printable character, written into the URL unencoded as a user would; `Zq8Secret` must never show. */
const passwords = [...printable.map((c) => `a${c}Zq8Secret${c}b`), printable.join('') + 'Zq8Secret'];
const urlWith = (password: string) => `postgres://postgres:${password}@127.0.0.1:5999/db`;

describe('redactSecrets', () => {
  afterEach(forgetSecrets);

  it('hides URL passwords and password= pairs', () => {
    expect(redactSecrets('postgres://u:p%40ss@host:5432/db')).toBe('postgres://u:***@host:5432/db');
    expect(redactSecrets('host=x password=secret user=y')).toBe('host=x password=*** user=y');
    expect(redactSecrets('postgres://host/db')).toBe('postgres://host/db');
  });

  it('hides an unencoded password holding / or @ by pattern alone (the reported leak)', () => {
    const message = 'Cannot connect to postgres://postgres:Sec/retPw@127.0.0.1:5999/db: Invalid URL';
    expect(redactSecrets(message)).toBe('Cannot connect to postgres://postgres:***@127.0.0.1:5999/db: Invalid URL');
    expect(redactSecrets('postgres://u:a@b/c@h/db')).toBe('postgres://u:***@h/db');
  });

  it.each(passwords.map((p) => [p]))('never shows the password %j once the settings were loaded', (password) => {
    const url = urlWith(password);
    let configMessage = '';
    try {
      loadSettings({ env: { DATABASE_URL: url.replace('postgres://', 'mysql://') }, cwd: mkdtempSync(join(tmpdir(), 'tsf-secret-')) });
    } catch (error) {
      configMessage = (error as Error).message;
    }
    expect(configMessage).toMatch(/DATABASE_URL[= ]/);
    // A driver may quote the URL, the raw or the decoded password, in any text around it.
    for (const text of [url, `error: ${url}: Invalid URL`, `password ${password} rejected`, configMessage, describeConnectionTarget(url)]) {
      expect(redactSecrets(text)).not.toContain('Zq8Secret');
    }
    expect(describeConnectionTarget(url)).not.toContain('Zq8Secret');
  });

  it('scrubs a remembered secret wherever it appears, longest first', () => {
    rememberSecret('hunter2');
    rememberSecret('hunter2 and more');
    expect(redactSecrets('pw "hunter2 and more" / hunter2')).toBe('pw "***" / ***');
  });
});

describe('parseConnectionTarget', () => {
  it('splits at the last @ and never throws', () => {
    expect(parseConnectionTarget('postgres://postgres:Sec/ret@Pw@db.example:5999/tsf?sslmode=require')).toEqual({
      scheme: 'postgres',
      user: 'postgres',
      password: 'Sec/ret@Pw',
      host: 'db.example',
      port: '5999',
      database: 'tsf',
    });
    expect(describeConnectionTarget('postgres://[::1]/x')).toBe('PostgreSQL server [::1]:5432/x');
    expect(describeConnectionTarget('postgresql://%zz:pw@h:1')).toBe('PostgreSQL server h:1/(default) as %zz');
    for (const text of ['', '://', '@', 'postgres://', 'postgres://:@:/', '%%%'])
      expect(() => describeConnectionTarget(text)).not.toThrow();
  });
});
