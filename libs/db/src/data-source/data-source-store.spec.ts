import { randomUUID } from 'node:crypto';
import { Container } from 'inversify';
import { dbModule } from '../db-module';
import { ResourceStatsStore } from '../execution/resource-stats-store';
import { RunLeaseStore } from '../execution/run-lease-store';
import { StudyStore } from '../studies/study-store';
import { useTestDatabase } from '../testing';

jest.setTimeout(120_000);

describe('DataSourceStore subclasses resolved by Inversify (PostgreSQL)', () => {
  const db = useTestDatabase();
  let container: Container;

  beforeAll(async () => {
    container = new Container();
    container.loadSync(dbModule(db()));
  });

  it('get the injected database: each store queries it', async () => {
    const missing = randomUUID();
    await expect(container.get<StudyStore>(StudyStore).findStudy(`absent-${missing}`)).resolves.toBeUndefined();
    await expect(container.get<ResourceStatsStore>(ResourceStatsStore).forRun(missing)).resolves.toBeNull();
    await expect(container.get<RunLeaseStore>(RunLeaseStore).leasesOfJobs([missing])).resolves.toEqual([]);
  });
});
