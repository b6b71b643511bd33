import { injectable, injectFromBase } from 'inversify';
import type { SelectQueryBuilder } from 'typeorm';
import { DataSourceStore } from '../data-source/data-source-store';
import { ResourceStats } from '../entities/execution/resource-stats';
import { isUuid } from '../tracking/database-errors';
import type { ResourceStatsInput, ResourceStatsStore, RunResourceStats } from './resource-stats-store';

/** {@link ResourceStatsStore} on the tracking database. */
@injectable()
@injectFromBase()
export class TypeOrmResourceStatsStore extends DataSourceStore implements ResourceStatsStore {
  async record(stats: ResourceStatsInput): Promise<void> {
    // One row a run: a second record (a retried attempt) overwrites the first.
    await this.dataSource.manager.upsert(
      ResourceStats,
      {
        runId: stats.runId,
        jobId: stats.jobId ?? null,
        workerId: stats.workerId,
        wallMs: Math.round(stats.wallMs),
        cpuMs: Math.round(stats.cpuMs),
        peakRssBytes: Math.round(stats.peakRssBytes),
        threads: stats.threads,
        backend: stats.backend,
        stepsPerSecond: stats.stepsPerSecond ?? null,
      },
      ['runId'],
    );
  }

  async forRun(runId: string): Promise<RunResourceStats | null> {
    if (!isUuid(runId)) return null;
    const row = await this.withRun().where('s.run_id = :runId', { runId }).getOne();
    return row ? flatten(row) : null;
  }

  async forExperiment(experiment: string): Promise<RunResourceStats[]> {
    const query = this.withRun().innerJoin('r.experiment', 'e');
    const rows = await (
      isUuid(experiment)
        ? query.where('e.id = :id OR e.name = :name', { id: experiment, name: experiment })
        : query.where('e.name = :experiment', { experiment })
    )
      .orderBy('s.created_at', 'ASC')
      .getMany();
    return rows.map(flatten);
  }

  private withRun(): SelectQueryBuilder<ResourceStats> {
    return this.dataSource.getRepository(ResourceStats).createQueryBuilder('s').innerJoinAndSelect('s.run', 'r');
  }
}

function flatten(row: ResourceStats): RunResourceStats {
  const run = row.run!;
  return {
    runId: row.runId,
    jobId: row.jobId,
    workerId: row.workerId,
    wallMs: row.wallMs,
    cpuMs: row.cpuMs,
    peakRssBytes: row.peakRssBytes,
    threads: row.threads,
    backend: row.backend,
    stepsPerSecond: row.stepsPerSecond,
    modelName: run.modelName,
    horizon: run.horizon,
    status: run.status,
    createdAt: row.createdAt,
  };
}
