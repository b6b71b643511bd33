import type { Database } from '@tsforecast/db';
import { pendingMigrations } from '@tsforecast/db';

/**
 * Whether the database answers and its schema is current. `pending` lists the
 * migrations not yet applied (run `cli migrate`); it is empty when the
 * database is unreachable, since nothing could be asked.
 */
export interface DatabaseHealth {
  readonly reachable: boolean;
  readonly migrationsCurrent: boolean;
  readonly pending: string[];
}

/** Asks the database for its migration table; any failure to answer reads as unreachable (the cause is not exposed). */
export async function checkDatabaseHealth(database: Database): Promise<DatabaseHealth> {
  let pending: string[];
  try {
    pending = await pendingMigrations(database);
  } catch {
    return { reachable: false, migrationsCurrent: false, pending: [] };
  }
  return { reachable: true, migrationsCurrent: pending.length === 0, pending };
}
