import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import { Database, RunLeaseStore } from '@tsforecast/db';
import { createServerTestDatabase, type ServerTestDatabase } from '@tsforecast/db/testing';
import { JobQueue, RunReaper } from '@tsforecast/execution';
import { plantSilentWorkerRun } from '@tsforecast/execution/testing';
import { buildContainer, type AppContainer } from './build-container';

jest.setTimeout(60_000);

// The wiring users get: the reaper of the app's container removes the model folder a killed job process wrote
// just before completing its run (the kill benchmark counts such folders as orphan model directories).
describe("the app's reaper and a job process killed after saving its model", () => {
  let server: ServerTestDatabase;
  let app: AppContainer;
  const modelDir = join(mkdtempSync(join(tmpdir(), 'tsf-lost-run-')), 'models');

  beforeAll(async () => {
    server = await createServerTestDatabase();
    const settings = loadSettings({ env: { DATABASE_URL: server.url, MODEL_DIR: join(modelDir, '..', 'default') }, cwd: tmpdir() });
    app = await buildContainer(settings, { logger: new MemoryLogger(), tty: false, migrate: true });
  });
  afterAll(async () => {
    await app?.close();
    await server?.drop();
  });

  it("fails the run and removes its model folder and staging folder from the job's model directory", async () => {
    const queue = app.container.get<JobQueue>(JobQueue);
    const database = app.container.get<Database>(Database);
    const [jobId] = await queue.enqueue('train-run', [
      { requestId: 'r', experiment: 'lost', dataPath: '/d.csv', fingerprint: '0', model: 'MLP', horizon: 3, hyperparameters: {}, modelDir },
    ]);
    await queue.claim('train-run', 1);
    const runId = await plantSilentWorkerRun(database, app.container.get<RunLeaseStore>(RunLeaseStore), {
      jobId: jobId!,
      model: 'MLP',
      workerId: 'dead-host:7',
    });
    for (const folder of [runId, `${runId}.partial`]) {
      mkdirSync(join(modelDir, folder), { recursive: true });
      writeFileSync(join(modelDir, folder, 'model.onnx'), 'onnx');
    }

    const { lostRuns } = await app.container.get(RunReaper).reap();

    expect(lostRuns.map((run) => run.runId)).toEqual([runId]);
    expect(existsSync(join(modelDir, runId))).toBe(false);
    expect(existsSync(join(modelDir, `${runId}.partial`))).toBe(false);
  });
});
