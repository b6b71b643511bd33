import 'reflect-metadata';
import { loadSettings, redactSecrets, TsforecastError } from '@tsforecast/config';
import { buildContainer } from '@tsforecast/app';
import { buildApp } from './app';

async function start(): Promise<void> {
  const settings = loadSettings();
  const runtime = await buildContainer(settings);
  const app = await buildApp(runtime.container);
  const shutdown = async () => {
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const address = await app.listen({ host: settings.API_HOST, port: settings.API_PORT });
  runtime.logger.info(`api listening on ${address}`, { database: runtime.database.describe() });
}

start().catch((error: unknown) => {
  process.stderr.write(`error: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(error instanceof TsforecastError ? error.exitCode : 1);
});
