import { injectable, injectFromBase } from 'inversify';
import { DataSourceStore } from '../data-source/data-source-store';
import { RunHeartbeat } from '../entities/execution/run-heartbeat';
import { Run, type RunStatus } from '../entities/tracking/run';
import type { AttemptLease, LostRun, LostRunLimits, RunBeatProgress, RunLease, RunLeaseStore, RunLeaseView } from './run-lease-store';

/** {@link RunLeaseStore} on the tracking database. */
@injectable()
@injectFromBase()
export class TypeOrmRunLeaseStore extends DataSourceStore implements RunLeaseStore {
  async open(lease: RunLease): Promise<void> {
    // A run's new attempt takes its heartbeat row over (worker, job, attempt, beat).
    await this.dataSource.manager.upsert(
      RunHeartbeat,
      {
        runId: lease.runId,
        workerId: lease.workerId,
        jobId: lease.jobId ?? null,
        jobKind: lease.jobKind ?? null,
        attempt: lease.attempt ?? null,
        beatAt: () => 'now()',
      },
      ['runId'],
    );
  }

  async beat(runIds: readonly string[], progress?: ReadonlyMap<string, RunBeatProgress>): Promise<void> {
    if (runIds.length === 0) return;
    const plain = progress === undefined ? runIds : runIds.filter((runId) => !progress.has(runId));
    if (plain.length > 0) {
      await this.dataSource
        .createQueryBuilder()
        .update(RunHeartbeat)
        .set({ beatAt: () => 'now()' })
        .where('run_id IN (:...runIds)', { runIds: plain })
        .execute();
    }
    const reported = runIds.filter((runId) => progress?.has(runId));
    if (reported.length === 0) return;
    // One statement for every run with progress: its (run id, fraction, steps/s) rows joined in.
    const rows = reported.map((runId) => {
      const { fraction, stepsPerSecond } = progress!.get(runId)!;
      return { run_id: runId, progress: fraction ?? null, steps_per_second: stepsPerSecond ?? null };
    });
    await this.dataSource.query(
      `UPDATE run_heartbeats h SET beat_at = now(),
         progress = COALESCE(v.progress, h.progress), steps_per_second = COALESCE(v.steps_per_second, h.steps_per_second)
       FROM jsonb_to_recordset($1::jsonb) AS v(run_id uuid, progress double precision, steps_per_second double precision)
       WHERE h.run_id = v.run_id`,
      [JSON.stringify(rows)],
    );
  }

  async leasesOfJobs(jobIds: readonly string[]): Promise<RunLeaseView[]> {
    if (jobIds.length === 0) return [];
    const { entities, raw } = await this.dataSource
      .getRepository(RunHeartbeat)
      .createQueryBuilder('h')
      .leftJoin(Run, 'r', 'r.id = h.run_id')
      .addSelect('r.status', 'run_status')
      .where('h.job_id IN (:...jobIds)', { jobIds })
      .orderBy('h.created_at', 'ASC')
      .getRawAndEntities<{ run_status: RunStatus | null }>();
    return entities.map((row, i) => ({
      runId: row.runId,
      jobId: row.jobId,
      attempt: row.attempt,
      workerId: row.workerId,
      startedAt: row.createdAt,
      beatAt: row.beatAt,
      progress: row.progress,
      stepsPerSecond: row.stepsPerSecond,
      runStatus: raw[i]?.run_status ?? null,
    }));
  }

  async completedRunOfJob(jobId: string): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(RunHeartbeat)
      .createQueryBuilder('h')
      .innerJoin(Run, 'r', 'r.id = h.run_id')
      .where('h.job_id = :jobId AND r.status = :completed', { jobId, completed: 'completed' })
      .getOne();
    return row?.runId ?? null;
  }

  async attemptLease(jobId: string, attempt: number, staleAfterMs: number): Promise<AttemptLease | null> {
    const row = await this.dataSource
      .getRepository(RunHeartbeat)
      .createQueryBuilder('h')
      .leftJoin(Run, 'r', 'r.id = h.run_id')
      .select(['h.run_id AS run_id', 'h.worker_id AS worker_id', 'r.status AS run_status'])
      .addSelect('h.beat_at < now() - make_interval(secs => :seconds)', 'stale')
      .where('h.job_id = :jobId AND h.attempt = :attempt', { jobId, attempt, seconds: staleAfterMs / 1000 })
      .getRawOne<{ run_id: string; worker_id: string; run_status: RunStatus | null; stale: boolean }>();
    return row ? { runId: row.run_id, workerId: row.worker_id, stale: row.stale, runStatus: row.run_status } : null;
  }

  async failLostRuns(limits: LostRunLimits): Promise<LostRun[]> {
    const lost: LostRun[] = [];
    for (const lease of await this.staleLeases(limits.staleAfterMs)) {
      const attempt = lease.jobId === null ? '' : ` (attempt ${lease.attempt ?? '?'} of ${lease.jobKind} job ${lease.jobId})`;
      const reason = `worker lost: no heartbeat from ${lease.workerId} since ${lease.beatAt.toISOString()}${attempt}`;
      if (await this.endRunIfRunning(lease.runId, 'failed', reason)) {
        lost.push({
          runId: lease.runId,
          jobId: lease.jobId,
          jobKind: lease.jobKind,
          attempt: lease.attempt,
          workerId: lease.workerId,
          reason,
        });
      }
    }
    for (const run of await this.unleasedRuns(limits.unleasedAfterMs)) {
      const reason =
        `worker lost: no heartbeat recorded and no update since ${run.updatedAt.toISOString()} ` +
        `(left by a process that was killed, or by a version without heartbeats)`;
      if (await this.endRunIfRunning(run.id, 'failed', reason)) {
        lost.push({ runId: run.id, jobId: null, jobKind: null, attempt: null, workerId: null, reason });
      }
    }
    return lost;
  }

  async endRunIfRunning(runId: string, status: 'failed' | 'cancelled', reason: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Run)
      .set({
        status,
        errorMessage: reason,
        endedAt: () => 'now()',
        durationMs: () => '(EXTRACT(EPOCH FROM (now() - started_at)) * 1000)::bigint',
      })
      .where('id = :runId AND status = :running', { runId, running: 'running' })
      .execute();
    return result.affected === 1;
  }

  /** Leases of running runs whose last beat is older than `ms` (by the server's clock). */
  private staleLeases(ms: number): Promise<RunHeartbeat[]> {
    return this.dataSource
      .getRepository(RunHeartbeat)
      .createQueryBuilder('h')
      .innerJoin(Run, 'r', 'r.id = h.run_id')
      .where('r.status = :running', { running: 'running' })
      .andWhere('h.beat_at < now() - make_interval(secs => :seconds)', { seconds: ms / 1000 })
      .getMany();
  }

  /** Running runs with no lease at all, untouched for `ms`. */
  private unleasedRuns(ms: number): Promise<Run[]> {
    return this.dataSource
      .getRepository(Run)
      .createQueryBuilder('r')
      .where('r.status = :running', { running: 'running' })
      .andWhere('NOT EXISTS (SELECT 1 FROM run_heartbeats h WHERE h.run_id = r.id)')
      .andWhere('r.updated_at < now() - make_interval(secs => :seconds)', { seconds: ms / 1000 })
      .getMany();
  }
}
