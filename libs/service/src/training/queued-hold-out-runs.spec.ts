import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResourceStatsStore, RunLeaseStore } from '@tsforecast/db';
import { useServiceStack } from '../testing/service-suite';
import { TrainingService } from './training-service';

jest.setTimeout(180_000);

// `train` through the queue: each model × horizon a train-run job, run by a
// local worker in a child process (testing/job-process.ts), read back for the report.
describe('train over the job queue', () => {
  const stack = useServiceStack('tsf-queued-');

  it('writes predictions.csv from the jobs, leases every run to its job and records its resource statistics', async () => {
    const file = join(stack.dir, 'two.csv');
    const rows = ['unique_id,ds,y', ...Array.from({ length: 20 }, (_, t) => `a,2000-01-${String(t + 1).padStart(2, '0')},${10 + t}`)];
    writeFileSync(file, rows.join('\n') + '\n');

    const result = await stack.container
      .get(TrainingService)
      .train({ data: file, models: ['Naive'], horizons: [2], experiment: 'queued', outputDir: join(stack.dir, 'out') });

    // Naive repeats the last training value (y = 10 + 17 at t = 17) over the 2 held-out days.
    const csv = readFileSync(result.outputs.predictions, 'utf8').trim().split('\n');
    expect(csv.slice(1).map((line) => line.split(',').slice(-2))).toEqual([
      ['28', '27'],
      ['29', '27'],
    ]);
    const runId = result.outcomes[0]!.runId;
    expect(result.outcomes[0]).toMatchObject({ status: 'completed', model: 'Naive', horizon: 2 });
    expect(await stack.container.get<RunLeaseStore>(RunLeaseStore).attemptLease(await jobOf(runId), 1, 60_000)).toMatchObject({
      runId,
      runStatus: 'completed',
      stale: false,
    });
    const stats = await stack.container.get<ResourceStatsStore>(ResourceStatsStore).forRun(runId);
    expect(stats).toMatchObject({ runId, backend: 'cpu', modelName: 'Naive' });
    expect(stats!.cpuMs).toBeGreaterThan(0);
  });

  async function jobOf(runId: string): Promise<string> {
    const [row] = (await stack.database.dataSource.query(`SELECT job_id FROM run_heartbeats WHERE run_id = $1`, [runId])) as {
      job_id: string;
    }[];
    return row!.job_id;
  }
});
