import 'reflect-metadata';
import { Container } from 'inversify';
import { dbModule } from '@tsforecast/db';
import { openTestDatabase, type TestDatabase } from '@tsforecast/db/testing';
import { TrackingQueries } from '../queries/tracking-queries';
import { LeaderboardQuery } from '../training/leaderboard-query';
import { MigrationService } from './migration-service';

jest.setTimeout(120_000);

// `cli migrate` on the PostgreSQL server, whose schema does not migrate itself.
describe('MigrationService on a PostgreSQL server', () => {
  let database: TestDatabase;
  let container: Container;

  beforeAll(async () => {
    database = await openTestDatabase({ schema: 'empty' });
    container = new Container();
    container.loadSync(dbModule(database));
    container.bind(MigrationService).toSelf();
    container.bind(TrackingQueries).toSelf();
    container.bind(LeaderboardQuery).toSelf();
  });
  afterAll(() => database?.close());

  it('applies every pending migration, reverts the last one, and health says when the schema is behind', async () => {
    const migrations = container.get(MigrationService);
    const queries = container.get(TrackingQueries);
    const before = await queries.databaseHealth();
    expect(before.reachable).toBe(true);
    expect(before.migrationsCurrent).toBe(false);
    expect(before.pending.length).toBeGreaterThan(0);

    const applied = await migrations.apply();
    expect(applied.applied).toEqual(before.pending);
    expect(applied.pending).toEqual([]);
    expect(applied.database).toContain(database.name);
    expect(applied.database).not.toMatch(/postgres:\/\//);
    expect(await queries.databaseHealth()).toEqual({ reachable: true, migrationsCurrent: true, pending: [] });
    expect((await migrations.apply()).applied).toEqual([]);

    const reverted = await migrations.revertLast();
    expect(reverted.reverted).toBe(before.pending[before.pending.length - 1]);
    expect((await queries.databaseHealth()).pending).toEqual([reverted.reverted]);
  });
});
