import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type * as Yaml from 'yaml';
import { ConfigError } from '../errors/tsforecast-error';
import { passwordsOf } from '../secrets/connection-target';
import { rememberSecret } from '../secrets/known-secrets';
import { redactSecrets } from '../secrets/redact-secrets';
import { describeExpected } from './describe-expected';
import { settingKeys, settingsSchema, type Settings, type SettingsInput } from './settings-schema';

export interface LoadSettingsOptions {
  /** Values from CLI flags: highest precedence. */
  flags?: SettingsInput;
  /** Process environment; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Path of a `.env` file; defaults to `.env` in `cwd` when it exists. */
  dotenvPath?: string;
  /** YAML or JSON config file; also read from `TSFORECAST_CONFIG`. */
  configFile?: string;
  cwd?: string;
}

/**
 * Builds the { @link Settings } from every source, by precedence
 * CLI flag > environment (then `.env`) > config file > default.
 * An invalid value throws a {@link ConfigError} naming the variable, the value
 * (secrets redacted) and what is expected.
 *
 * @example
 * const settings = loadSettings({ flags: { LOG_LEVEL: 'debug' } });
 */
export function loadSettings(options: LoadSettingsOptions = {}): Settings {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const configFile = options.configFile ?? env['TSFORECAST_CONFIG'];
  const dotenvPath = options.dotenvPath ?? resolve(cwd, '.env');

  const merged: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  const layer = (values: Record<string, unknown>, source: string) => {
    for (const key of settingKeys) {
      const value = values[key];
      if (value !== undefined && value !== '') {
        merged[key] = value;
        origin[key] = source;
      }
    }
  };

  if (configFile) layer(readConfigFile(resolve(cwd, configFile)), `config file ${configFile}`);
  if (existsSync(dotenvPath)) layer(parseDotenv(readFileSync(dotenvPath)), `.env file ${dotenvPath}`);
  layer(env, 'environment');
  layer(options.flags ?? {}, 'command-line flag');
  rememberConnectionSecrets(merged);

  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      const from = `(from ${origin[key] ?? 'default'})`;
      // A URL setting that is not a URL at all has no password we could find to mask: show none of it.
      if (isUrlSetting(key) && !parsesAsUrl(String(merged[key]))) {
        return `${key} ${from} is invalid: expected ${describeExpected(issue)}; the value is not shown (it may hold a password)`;
      }
      const value = redactSecrets(String(merged[key]));
      return `${key}=${JSON.stringify(value)} ${from} is invalid: expected ${describeExpected(issue)}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** Settings that may hold a URL with a password. */
const urlSettings = ['DATABASE_URL', 'MLFLOW_TRACKING_URI'] as const;

function isUrlSetting(key: string): boolean {
  return (urlSettings as readonly string[]).includes(key);
}

function parsesAsUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Settings whose whole value is a secret. */
const secretSettings = ['JWT_SECRET', 'METRICS_TOKEN'] as const;

/**
 * Remembers the passwords of URL settings and the secret settings before
 * validation, so that even an invalid value is scrubbed from every later
 * message and log line.
 */
function rememberConnectionSecrets(merged: Record<string, unknown>): void {
  for (const key of urlSettings) {
    const value = merged[key];
    if (typeof value === 'string') for (const secret of passwordsOf(value)) rememberSecret(secret);
  }
  for (const key of secretSettings) {
    const value = merged[key];
    if (typeof value === 'string') rememberSecret(value);
  }
}

function readConfigFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) throw new ConfigError(`Config file not found: ${path}`);
  const text = readFileSync(path, 'utf8');
  let value: unknown;
  try {
    value = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`Config file ${path} must hold a mapping of setting names to values`);
  }
  const unknownKeys = Object.keys(value).filter((k) => !settingKeys.includes(k as keyof Settings));
  if (unknownKeys.length > 0) {
    throw new ConfigError(`Config file ${path} has unknown setting(s) ${unknownKeys.join(', ')}; known: ${settingKeys.join(', ')}`);
  }
  return value as Record<string, unknown>;
}

/** A copy of the settings safe to log: passwords in URLs replaced by `***`. */
export function describeSettings(settings: Settings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) out[k] = typeof v === 'string' ? redactSecrets(v) : v;
  return out;
}

/** YAML is parsed only when a YAML config file is given, so the parser is loaded only then. */
function parseYaml(text: string): unknown {
  return (require('yaml') as typeof Yaml).parse(text);
}
