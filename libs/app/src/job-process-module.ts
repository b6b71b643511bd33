import { extname, join } from 'node:path';
import { ContainerModule } from 'inversify';
import { JobProcessEntry } from '@tsforecast/execution';

/** The job process module next to this file: `job-process.ts` from source, `job-process.js` when built. */
export const jobProcessEntry = join(__dirname, `job-process${extname(__filename)}`);

/** Binds the module workers fork for each job (`JobProcessEntry`). */
export const jobProcessModule = new ContainerModule((options) => {
  options.bind<string>(JobProcessEntry).toConstantValue(jobProcessEntry);
});
