import type PgBoss from 'pg-boss';
import { silentLogger, type Logger } from '@tsforecast/config';
import type { Database } from '@tsforecast/db';
import { jobKindPolicies, jobKinds, type JobKind, type JobKindPolicy, type JobPayloads } from './job-kinds';
import type { ActiveJob, ClaimedJob, JobOutput, JobQueue, JobState, JobStatus } from './job-queue';
import { longestFirst } from '../training/fit-cost';
import { orderedJobIds } from './ordered-job-ids';
import { pgBossConnection, withPgBossStartLock } from './pg-boss-connection';

/** Options of {@link PgBossJobQueue}. */
export interface PgBossJobQueueOptions {
  /** Policy changes by kind (tests use short retry delays). */
  policies?: { [K in JobKind]?: Partial<JobKindPolicy> };
}

/** The schema pg-boss keeps its tables in. */
export const pgBossSchema = 'pgboss';

/**
 * {@link JobQueue} on pg-boss in the tracking database (schema `pgboss`, one
 * pg-boss queue per job kind). pg-boss starts on first use.
 *
 * @example
 * const queue = new PgBossJobQueue(database, logger);
 * const [id] = await queue.enqueue('train-run', [payload]); Its own timers
 * (maintenance, cron) stay off so that a CLI process exits when its work is
 * done; workers call {@link maintain} on their reaper tick instead.
 */
export class PgBossJobQueue implements JobQueue {
  private started: Promise<PgBoss> | undefined;
  private readonly policies: { [K in JobKind]: JobKindPolicy };

  constructor(
    private readonly database: Database,
    private readonly logger: Logger = silentLogger,
    options: PgBossJobQueueOptions = {},
  ) {
    this.policies = Object.fromEntries(jobKinds.map((kind) => [kind, { ...jobKindPolicies[kind], ...options.policies?.[kind] }])) as {
      [K in JobKind]: JobKindPolicy;
    };
  }

  async enqueue<K extends JobKind>(kind: K, payloads: readonly JobPayloads[K][]): Promise<string[]> {
    const boss = await this.boss();
    const policy = this.policies[kind];
    // Ids that sort in the claim order: the jobs of one insert are claimed by id (see orderedJobIds).
    const claimOrder = policy.claimOrder === 'longest first' ? longestFirst(payloads) : payloads.map((_, i) => i);
    const sortedIds = orderedJobIds(payloads.length);
    const ids: string[] = [];
    claimOrder.forEach((payload, rank) => (ids[payload] = sortedIds[rank]!));
    const jobs = payloads.map((data, i) => ({
      id: ids[i]!,
      name: kind,
      data: data as object,
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: policy.retryBackoff,
      expireInSeconds: policy.expireInSeconds,
    }));
    if (jobs.length > 0) await boss.insert(jobs);
    return jobs.map((job) => job.id);
  }

  async claim<K extends JobKind>(kind: K, limit: number): Promise<ClaimedJob<K>[]> {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`'limit' must be an integer >= 1, got ${String(limit)}`);
    const boss = await this.boss();
    const jobs = await boss.fetch<JobPayloads[K]>(kind, { batchSize: limit, includeMetadata: true });
    return jobs.map((job) => ({
      id: job.id,
      kind,
      payload: job.data,
      attempt: job.retryCount + 1,
      maxAttempts: job.retryLimit + 1,
    }));
  }

  async complete(kind: JobKind, id: string, output: JobOutput): Promise<boolean> {
    const result = (await (await this.boss()).complete(kind, id, output)) as unknown as { affected?: number } | undefined;
    return (result?.affected ?? 0) > 0;
  }

  async fail(kind: JobKind, id: string, message: string): Promise<boolean> {
    const result = (await (await this.boss()).fail(kind, id, { message })) as unknown as { affected?: number } | undefined;
    return (result?.affected ?? 0) > 0;
  }

  async cancel(kind: JobKind, id: string): Promise<void> {
    await (await this.boss()).cancel(kind, id);
  }

  async status<K extends JobKind>(kind: K, ids: readonly string[]): Promise<(JobStatus<K> | null)[]> {
    const boss = await this.boss();
    return Promise.all(
      ids.map(async (id) => {
        const job = await boss.getJobById<JobPayloads[K]>(kind, id, { includeArchive: true });
        if (job === null) return null;
        return {
          id: job.id,
          kind,
          state: job.state as JobState,
          payload: job.data,
          attempts: job.startedOn === null ? 0 : job.retryCount + 1,
          output: (job.output as JobOutput | null) ?? null,
          createdAt: job.createdOn,
          endedAt: job.completedOn,
        };
      }),
    );
  }

  async active(kind: JobKind): Promise<ActiveJob[]> {
    const boss = await this.boss();
    // pg-boss has no call that lists active jobs; this reads its job table (schema version 24, pg-boss 10).
    const { rows } = await boss.getDb().executeSql(
      `SELECT id, retry_count, (EXTRACT(EPOCH FROM (now() - started_on)) * 1000)::float8 AS active_ms
       FROM ${pgBossSchema}.job WHERE name = $1 AND state = 'active'`,
      [kind],
    );
    return (rows as { id: string; retry_count: number; active_ms: number }[]).map((row) => ({
      id: row.id,
      attempt: row.retry_count + 1,
      activeForMs: row.active_ms,
    }));
  }

  async maintain(): Promise<void> {
    await (await this.boss()).maintain();
  }

  async close(): Promise<void> {
    const started = this.started;
    this.started = undefined;
    if (started) await (await started.catch(() => undefined))?.stop({ graceful: false, close: false });
  }

  private boss(): Promise<PgBoss> {
    this.started ??= this.start().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  /**
   * Starts pg-boss (installing or migrating its schema) and makes sure every
   * kind's queue exists, one process at a time on a database (see
   * {@link withPgBossStartLock}): concurrent installs and queue creations
   * deadlock in PostgreSQL.
   */
  private async start(): Promise<PgBoss> {
    return withPgBossStartLock(this.database, () => this.startOnce());
  }

  private async startOnce(): Promise<PgBoss> {
    // Loaded here, on first use: most processes that bind the queue never touch it (a CLI listing runs).
    const PgBossClass = require('pg-boss') as typeof PgBoss;
    const boss = new PgBossClass({
      db: pgBossConnection(this.database),
      schema: pgBossSchema,
      supervise: false,
      schedule: false,
      migrate: true,
    });
    // Background errors only (its timers are off); calls report their own errors.
    boss.on('error', (error: Error) => this.logger.warn('job queue error', { error: error.message }));
    await boss.start();
    for (const kind of jobKinds) {
      if ((await boss.getQueue(kind)) === null) await boss.createQueue(kind, { name: kind, policy: 'standard' });
    }
    return boss;
  }
}
