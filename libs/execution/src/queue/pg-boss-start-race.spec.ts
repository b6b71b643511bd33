import { silentLogger } from '@tsforecast/config';
import { openDatabase, type Database } from '@tsforecast/db';
import { createServerTestDatabase, type ServerTestDatabase } from '@tsforecast/db/testing';
import { PgBossJobQueue } from './pg-boss-job-queue';

jest.setTimeout(120_000);

/**
 * The API, its workers' parent and each job process start pg-boss on first
 * use; on a fresh database they install its schema and create its queues at
 * the same moment. Every one of them must come up (seen in CI: one of them
 * failed, and `POST /jobs` answered 500).
 */
describe('PgBossJobQueue started by several processes at once', () => {
  let server: ServerTestDatabase;
  const databases: Database[] = [];

  beforeAll(async () => {
    server = await createServerTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.close()));
    await server?.drop();
  });

  it('installs the schema and queues once; every starter can enqueue and claim', async () => {
    for (let i = 0; i < 6; i++) {
      databases.push(await openDatabase({ DATABASE_URL: server.url, DATA_DIR: 'unused' }, silentLogger, { migrate: i === 0 }));
    }
    const queues = databases.map((database) => new PgBossJobQueue(database, silentLogger));
    try {
      const started = await Promise.allSettled(
        queues.map((queue, i) => (i % 2 === 0 ? queue.claim('train-run', 1) : queue.claim('trial', 1)).then(() => queue.active('trial'))),
      );
      expect(
        started.filter((result) => result.status === 'rejected').map((result) => String((result as PromiseRejectedResult).reason)),
      ).toEqual([]);
    } finally {
      await Promise.all(queues.map((queue) => queue.close()));
    }
  });
});
