import { silentLogger } from '@tsforecast/config';
import { TypeOrmRunLeaseStore, type Database } from '@tsforecast/db';
import { openTestDatabase } from '@tsforecast/db/testing';
import { PgBossJobQueue } from '../queue/pg-boss-job-queue';

/** A job queue and run leases on a fresh, migrated database of the test server. */
export interface QueueTestbed {
  /** The database's URL, for job processes. */
  url: string;
  database: Database;
  /** `train-run` jobs get one retry, at once (no backoff), so crash tests need not wait. */
  queue: PgBossJobQueue;
  leases: TypeOrmRunLeaseStore;
  /** Closes the queue and the database, then drops the database. */
  close(): Promise<void>;
}

/** Opens a {@link QueueTestbed}: for specs of the queue's consumers (worker, reaper). */
export async function openQueueTestbed(): Promise<QueueTestbed> {
  const database = await openTestDatabase();
  const queue = new PgBossJobQueue(database, silentLogger, {
    policies: { 'train-run': { retryLimit: 1, retryDelaySeconds: 0, retryBackoff: false } },
  });
  return {
    url: database.url,
    database,
    queue,
    leases: new TypeOrmRunLeaseStore(database),
    close: async () => {
      await queue.close();
      await database.close();
    },
  };
}
