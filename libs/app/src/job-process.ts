/**
 * The module a worker forks for its job processes (see `Worker` in
 * @tsforecast/execution): builds the app's container once, from the settings
 * the worker passed in the environment, and runs each job the worker sends it
 * with the `JobRunner` bound for its kind.
 */
import 'reflect-metadata';
import { loadSettings } from '@tsforecast/config';
import { JobRunner, serveJobProcess } from '@tsforecast/execution';
import { buildContainer } from './build-container';

serveJobProcess(async () => {
  const app = await buildContainer(loadSettings(), { tty: false });
  return { runners: app.container.getAll<JobRunner>(JobRunner, { optional: true }), close: () => app.close() };
});
