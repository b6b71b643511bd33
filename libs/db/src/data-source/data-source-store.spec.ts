import { randomUUID } from 'node:crypto';
import { Container } from 'inversify';
import { dbModule } from '../db-module';
import { ResourceStatsStore } from '../execution/resource-stats-store';
import { RunLeaseStore } from '../execution/run-lease-store';
import { StudyStore } from '../studies/study-store';
import { openTestDatabase } from '../testing';
import type { Database } from './database';

jest.setTimeout(120_000);

describe('DataSourceStore subclasses resolved by Inversify (PostgreSQL)', () => {
  let db: Database;
  let container: Container;

  beforeAll(async () => {
    db = await openTestDatabase();
    container = new Container();
    container.loadSync(dbModule(db));
  });
  afterAll(() => db?.close());

  it('get the injected database: each store queries it', async () => {
    const missing = randomUUID();
    await expect(container.get<StudyStore>(StudyStore).findStudy(`absent-${missing}`)).resolves.toBeUndefined();
    await expect(container.get<ResourceStatsStore>(ResourceStatsStore).forRun(missing)).resolves.toBeNull();
    await expect(container.get<RunLeaseStore>(RunLeaseStore).leasesOfJobs([missing])).resolves.toEqual([]);
  });
});
