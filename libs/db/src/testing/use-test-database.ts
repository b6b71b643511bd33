/// <reference types="jest" />
import { openTestDatabase, type TestDatabase, type TestDatabaseOptions } from './test-database';

/**
 * A test suite's own database ({@link openTestDatabase}): opened in a
 * `beforeAll` hook registered where this is called, so the suite's later
 * `beforeAll` hooks see it open, and dropped after the suite. The returned
 * function gives the open database; call it inside tests and hooks.
 *
 * @example
 * describe('training job records', () => {
 *   const db = useTestDatabase();
 *   let store: TypeOrmTrainingJobStore;
 *   beforeAll(() => { store = new TypeOrmTrainingJobStore(db()); });
 * });
 */
export function useTestDatabase(options: TestDatabaseOptions = {}): () => TestDatabase {
  let open: TestDatabase | undefined;
  beforeAll(async () => {
    open = await openTestDatabase(options);
  });
  afterAll(async () => open?.close());
  return () => {
    if (open === undefined) throw new Error('the test database opens in beforeAll: use it inside a test or hook');
    return open;
  };
}
