import 'reflect-metadata';
import { loadSettings, redactSecrets, TsforecastError } from '@tsforecast/config';
import { buildContainer } from '@tsforecast/app';
import { assertSafeToListen } from './auth/listen-guard';
import { startApiWorkers } from './api-workers';
import { buildApp } from './app';

async function start(): Promise<void> {
  const settings = loadSettings();
  assertSafeToListen(settings.API_HOST, settings.JWT_SECRET !== undefined || settings.JWT_JWKS_URL !== undefined);
  const runtime = await buildContainer(settings);
  const app = await buildApp(runtime.container);
  // Filled once listening (shutdown may come first).
  const started: { workers?: Awaited<ReturnType<typeof startApiWorkers>> } = {};
  const shutdown = async () => {
    await app.close();
    // Runs already started finish (a SIGTERM'd API is drained, not killed mid-fit); the rest wait in the queue.
    await started.workers?.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const address = await app.listen({ host: settings.API_HOST, port: settings.API_PORT });
  runtime.logger.info(`api listening on ${address}`, { database: runtime.database.describe() });
  // After listening: the probes answer while the workers' own database connection opens.
  started.workers = await startApiWorkers(settings, runtime.logger);
}

start().catch((error: unknown) => {
  process.stderr.write(`error: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(error instanceof TsforecastError ? error.exitCode : 1);
});
