/**
 * The module a worker forks for each job attempt (see `Worker` in
 * @tsforecast/execution): builds the app's container from the settings the
 * worker passed in the environment, and runs the job with the `JobRunner`
 * bound for its kind.
 */
import 'reflect-metadata';
import { loadSettings } from '@tsforecast/config';
import { JobRunner, serveJobProcess } from '@tsforecast/execution';
import { buildContainer } from './build-container';

serveJobProcess(async () => {
  const app = await buildContainer(loadSettings(), { tty: false });
  return { runners: app.container.getAll<JobRunner>(JobRunner, { optional: true }), close: () => app.close() };
});
