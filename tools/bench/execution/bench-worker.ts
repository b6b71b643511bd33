/**
 * A worker process for the kill scenario when no training runner is wired:
 * `cli worker` without the app's container, forking the execution tests'
 * fixture job process instead. Runs until SIGTERM/SIGINT.
 *
 *   node --require tsx/cjs tools/bench/execution/bench-worker.ts <database-url> <concurrency>
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { silentLogger } from '@tsforecast/config';
import { openDatabase, TypeOrmResourceStatsStore, TypeOrmRunLeaseStore } from '@tsforecast/db';
import { PgBossJobQueue, RunReaper, Worker } from '@tsforecast/execution';

async function main(): Promise<void> {
  const [url, concurrency] = process.argv.slice(2);
  const database = await openDatabase({ DATABASE_URL: url, DATA_DIR: 'unused' }, silentLogger, { migrate: 'leave' });
  const queue = new PgBossJobQueue(database);
  const leases = new TypeOrmRunLeaseStore(database);
  const worker = new Worker(
    queue,
    leases,
    new TypeOrmResourceStatsStore(database),
    new RunReaper(leases, queue, silentLogger),
    silentLogger,
    {
      kinds: ['train-run'],
      concurrency: Number(concurrency ?? '1'),
      threadsPerJob: 1,
      entry: join(__dirname, '../../../libs/execution/src/worker/testing/fixture-job-process.ts'),
      backend: 'cpu',
      env: { DATABASE_URL: url },
    },
  );
  worker.start();
  const stop = () =>
    void worker
      .stop()
      .then(() => database.close())
      .then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
