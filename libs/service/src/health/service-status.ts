import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { inject, injectable } from 'inversify';
import { Settings } from '@tsforecast/config';
import { Database, runStatuses, type RunStatus } from '@tsforecast/db';
import { checkDatabaseHealth } from '../queries/database-health';
import { databasePoolStats, type DatabasePoolStats } from './database-pool';
import type { Readiness, ReadinessCheck } from './readiness';

/** How many runs are in each status. */
export type RunStatusCounts = Record<RunStatus, number>;

/**
 * How the running service stands, for probes and metrics: readiness (database
 * reachable, migrations current, model store readable), the database pool, and
 * how many runs are in each status.
 *
 * @example
 * const { ready, checks } = await container.get(ServiceStatus).readiness();
 */
@injectable()
export class ServiceStatus {
  constructor(
    @inject(Database) private readonly database: Database,
    @inject(Settings) private readonly settings: Settings,
  ) {}

  /** Whether the database answers a trivial query (liveness); never says where it is. */
  async databaseAnswers(): Promise<boolean> {
    try {
      await this.database.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async readiness(): Promise<Readiness> {
    const checks = [...(await this.databaseChecks()), await this.modelStoreCheck()];
    return { ready: checks.every((check) => check.ok), checks };
  }

  /** The pool's connections, or undefined for a database without a pool. */
  databasePool(): DatabasePoolStats | undefined {
    return databasePoolStats(this.database);
  }

  /** Runs per status, every status listed (0 where none). */
  async runsByStatus(): Promise<RunStatusCounts> {
    const rows = (await this.database.dataSource.query('SELECT status, count(*)::int AS n FROM runs GROUP BY status')) as {
      status: RunStatus;
      n: number;
    }[];
    const counts = Object.fromEntries(runStatuses.map((status) => [status, 0])) as RunStatusCounts;
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  private async databaseChecks(): Promise<ReadinessCheck[]> {
    const health = await checkDatabaseHealth(this.database);
    if (!health.reachable) {
      return [
        { name: 'database', ok: false, detail: 'database unreachable' },
        { name: 'migrations', ok: false, detail: 'not checked: database unreachable' },
      ];
    }
    return [
      { name: 'database', ok: true, detail: 'reachable' },
      health.migrationsCurrent
        ? { name: 'migrations', ok: true, detail: 'current' }
        : { name: 'migrations', ok: false, detail: `${health.pending.length} pending (run \`cli migrate\`): ${health.pending.join(', ')}` },
    ];
  }

  /** MODEL_DIR readable; a missing one is fine while its parent can hold it (the store creates it on the first save). */
  private async modelStoreCheck(): Promise<ReadinessCheck> {
    const dir = resolve(this.settings.MODEL_DIR);
    try {
      if (!(await stat(dir)).isDirectory()) return { name: 'model-store', ok: false, detail: 'MODEL_DIR is not a directory' };
      await access(dir, constants.R_OK | constants.X_OK);
      return { name: 'model-store', ok: true, detail: 'readable' };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        return { name: 'model-store', ok: false, detail: 'MODEL_DIR is not readable' };
    }
    try {
      await access(dirname(dir), constants.W_OK);
      return { name: 'model-store', ok: true, detail: 'empty (MODEL_DIR is created on the first save)' };
    } catch {
      return { name: 'model-store', ok: false, detail: 'MODEL_DIR does not exist and cannot be created' };
    }
  }
}
