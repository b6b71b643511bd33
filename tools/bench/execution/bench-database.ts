import { silentLogger } from '@tsforecast/config';
import { openDatabase, type Database } from '@tsforecast/db';
import { createServerTestDatabase } from '@tsforecast/db/testing';

/** A fresh, migrated database for one scenario, and how to get rid of it. */
export interface BenchDatabase {
  readonly url: string;
  readonly database: Database;
  drop(): Promise<void>;
}

/**
 * Creates `tsf_test_<random>` on the server of `--admin-url` (default the
 * test server at 127.0.0.1:5432), migrates it, and drops it afterwards, so
 * every scenario starts from an empty queue.
 */
export async function benchDatabase(adminUrl?: string): Promise<BenchDatabase> {
  const server = await createServerTestDatabase(adminUrl);
  const database = await openDatabase({ DATABASE_URL: server.url, DATA_DIR: 'unused' }, silentLogger, { migrate: true });
  return {
    url: server.url,
    database,
    drop: async () => {
      await database.close();
      await server.drop();
    },
  };
}
