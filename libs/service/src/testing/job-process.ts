/**
 * The job process of the service tests' queue workers: the service stack of
 * `service-stack.ts` on the database and folders the worker's settings name
 * (passed in the environment), serving the bound JobRunners.
 */
import 'reflect-metadata';
import { Container } from 'inversify';
import { loadSettings, silentLogger } from '@tsforecast/config';
import { openDatabase } from '@tsforecast/db';
import { JobRunner, serveJobProcess } from '@tsforecast/execution';
import { serviceStackModules } from './service-stack';

serveJobProcess(async () => {
  const settings = loadSettings();
  const database = await openDatabase(settings, silentLogger, { migrate: 'leave' });
  const container = new Container();
  container.loadSync(...serviceStackModules(settings, database, silentLogger));
  return { runners: container.getAll<JobRunner>(JobRunner, { optional: true }), close: () => database.close() };
});
