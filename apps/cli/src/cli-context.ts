import { UsageError, loadSettings, type Settings, type SettingsInput } from '@tsforecast/config';
import { buildContainer, type AppContainer } from '@tsforecast/app';

/** Global flags every command accepts; they override env, `.env` and the config file. */
export interface GlobalFlags {
  config?: string;
  databaseUrl?: string;
  dataDir?: string;
  modelDir?: string;
  logLevel?: string;
  logFormat?: string;
  backend?: string;
}

/**
 * The settings of one command: flags over env, `.env`, config file. `--backend
 * cuda|webgpu` without `ENABLE_GPU=true` is a usage error (exit 2): the flag asks
 * for a GPU that the settings switch off, and running on CPU instead would hide it.
 */
export function settingsFrom(flags: GlobalFlags, extra: SettingsInput = {}): Settings {
  const settings = loadSettings({
    configFile: flags.config,
    flags: {
      DATABASE_URL: flags.databaseUrl,
      DATA_DIR: flags.dataDir,
      MODEL_DIR: flags.modelDir,
      LOG_LEVEL: flags.logLevel,
      LOG_FORMAT: flags.logFormat,
      DEFAULT_BACKEND: flags.backend,
      ...extra,
    },
  });
  if (flags.backend !== undefined && settings.DEFAULT_BACKEND !== 'cpu' && !settings.ENABLE_GPU) {
    throw new UsageError(
      `'--backend ${settings.DEFAULT_BACKEND}' needs ENABLE_GPU=true (environment, .env or config file), got ENABLE_GPU=false`,
    );
  }
  return settings;
}

/** Builds the app container for one command and always closes it (its connections; the embedded server keeps running). */
export async function withApp<T>(
  settings: Settings,
  body: (app: AppContainer) => Promise<T>,
  options: { migrate?: boolean | 'leave' } = {},
): Promise<T> {
  const app = await buildContainer(settings, { migrate: options.migrate });
  try {
    return await body(app);
  } finally {
    await app.close();
  }
}

/** Prints rows as an aligned text table on stdout. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  const cell = (v: unknown) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v instanceof Date ? v.toISOString() : String(v ?? '');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(line(columns) + '\n' + line(widths.map((w) => '-'.repeat(w))) + '\n');
  for (const r of rows) process.stdout.write(line(columns.map((c) => cell(r[c]))) + '\n');
}
