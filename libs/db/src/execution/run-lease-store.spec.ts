import { randomUUID } from 'node:crypto';
import { Run } from '../entities/tracking/run';
import { useTestDatabase } from '../testing';
import { TypeOrmResourceStatsStore } from './typeorm-resource-stats-store';
import { TypeOrmRunLeaseStore } from './typeorm-run-lease-store';

jest.setTimeout(60_000);

describe('run leases and resource statistics on PostgreSQL', () => {
  const db = useTestDatabase();
  let leases: TypeOrmRunLeaseStore;
  let stats: TypeOrmResourceStatsStore;
  let experimentId: string;

  /** A run as the recorder writes it; `idleSeconds` back-dates its last update (a run left long ago). */
  async function runningRun(idleSeconds = 0, model = 'NHITS'): Promise<string> {
    const id = randomUUID();
    await db().dataSource.query(
      `INSERT INTO runs (id, experiment_id, model_name, horizon, kind, parameters) VALUES ($1, $2, $3, 12, 'train', '{}')`,
      [id, experimentId, model],
    );
    // The updated_at trigger sets now() on UPDATE, so back-date it with the trigger off for this statement.
    if (idleSeconds > 0) {
      await db().dataSource.query(`ALTER TABLE runs DISABLE TRIGGER USER`);
      await db().dataSource.query(
        `UPDATE runs SET updated_at = now() - make_interval(secs => $2), started_at = updated_at - interval '1 s' WHERE id = $1`,
        [id, idleSeconds],
      );
      await db().dataSource.query(`ALTER TABLE runs ENABLE TRIGGER USER`);
    }
    return id;
  }

  async function backdateBeat(runId: string, seconds: number): Promise<void> {
    await db().dataSource.query(`UPDATE run_heartbeats SET beat_at = now() - make_interval(secs => $2) WHERE run_id = $1`, [
      runId,
      seconds,
    ]);
  }

  const status = async (id: string) => (await db().dataSource.getRepository(Run).findOneByOrFail({ id })).status;

  beforeAll(async () => {
    leases = new TypeOrmRunLeaseStore(db());
    stats = new TypeOrmResourceStatsStore(db());
    [{ id: experimentId }] = (await db().dataSource.query(`INSERT INTO experiments (name) VALUES ('leases') RETURNING id`)) as {
      id: string;
    }[];
  });

  it('fails a running run whose heartbeat went stale, naming the worker, and leaves live and ended runs alone', async () => {
    const [lost, live, ended] = [await runningRun(), await runningRun(), await runningRun()];
    const jobId = randomUUID();
    await leases.open({ runId: lost, workerId: 'host-a:11', jobId, jobKind: 'train-run', attempt: 2 });
    await leases.open({ runId: live, workerId: 'host-b:12' });
    await leases.open({ runId: ended, workerId: 'host-a:11' });
    await db().dataSource.query(`UPDATE runs SET status = 'completed' WHERE id = $1`, [ended]);
    await backdateBeat(lost, 60);
    await backdateBeat(ended, 60);
    await backdateBeat(live, 60);
    await leases.beat([live]);

    const reaped = await leases.failLostRuns({ staleAfterMs: 30_000, unleasedAfterMs: 3600_000 });

    expect(reaped).toEqual([expect.objectContaining({ runId: lost, jobId, jobKind: 'train-run', attempt: 2, workerId: 'host-a:11' })]);
    expect(reaped[0]!.reason).toMatch(/^worker lost: no heartbeat from host-a:11 since .* \(attempt 2 of train-run job /);
    const run = await db().dataSource.getRepository(Run).findOneByOrFail({ id: lost });
    expect(run).toMatchObject({ status: 'failed', errorMessage: reaped[0]!.reason });
    expect(run.endedAt).not.toBeNull();
    expect([await status(live), await status(ended)]).toEqual(['running', 'completed']);
    expect(await leases.failLostRuns({ staleAfterMs: 30_000, unleasedAfterMs: 3600_000 })).toEqual([]);
  });

  it('fails runs without any lease only after the long timeout (runs left by earlier versions)', async () => {
    const old = await runningRun(7200);
    const recent = await runningRun(60);
    const reaped = await leases.failLostRuns({ staleAfterMs: 30_000, unleasedAfterMs: 3600_000 });
    expect(reaped.map((r) => r.runId)).toEqual([old]);
    expect(reaped[0]!.reason).toMatch(/^worker lost: no heartbeat recorded and no update since /);
    expect([await status(old), await status(recent)]).toEqual(['failed', 'running']);
  });

  it('finds the completed run of a job across attempts', async () => {
    const jobId = randomUUID();
    const [crashed, completed] = [await runningRun(), await runningRun()];
    await leases.open({ runId: crashed, workerId: 'w:1', jobId, jobKind: 'train-run', attempt: 1 });
    expect(await leases.completedRunOfJob(jobId)).toBeNull();
    await leases.open({ runId: completed, workerId: 'w:2', jobId, jobKind: 'train-run', attempt: 2 });
    await db().dataSource.query(`UPDATE runs SET status = 'completed' WHERE id = $1`, [completed]);
    expect(await leases.completedRunOfJob(jobId)).toBe(completed);
  });

  it("stores a run's progress with its beat and lists the leases of a job's attempts", async () => {
    const jobId = randomUUID();
    const [first, second] = [await runningRun(), await runningRun()];
    await leases.open({ runId: first, workerId: 'w:1', jobId, jobKind: 'train-run', attempt: 1 });
    await leases.open({ runId: second, workerId: 'w:2', jobId, jobKind: 'train-run', attempt: 2 });
    await backdateBeat(second, 60);
    await leases.beat([first, second], new Map([[second, { fraction: 0.25, stepsPerSecond: 40.5 }]]));
    await leases.beat([second], new Map([[second, { fraction: 0.5 }]]));
    const views = await leases.leasesOfJobs([jobId, randomUUID()]);
    await db().dataSource.query(`UPDATE runs SET status = 'cancelled' WHERE id = $1`, [first]);
    expect(views.map((view) => [view.runId, view.attempt, view.progress, view.stepsPerSecond])).toEqual([
      [first, 1, null, null],
      [second, 2, 0.5, 40.5],
    ]);
    expect((await leases.leasesOfJobs([jobId])).map((view) => view.runStatus)).toEqual(['cancelled', 'running']);
    expect(Date.now() - views[1]!.beatAt.getTime()).toBeLessThan(30_000);
    expect(await leases.leasesOfJobs([])).toEqual([]);
  });

  it('ends a run only while it is running', async () => {
    const id = await runningRun();
    expect(await leases.endRunIfRunning(id, 'cancelled', 'job cancelled')).toBe(true);
    expect(await leases.endRunIfRunning(id, 'failed', 'worker lost')).toBe(false);
    expect(await status(id)).toBe('cancelled');
  });

  it('records resource statistics per run and lists them per experiment (by name or id)', async () => {
    const [a, b] = [await runningRun(0, 'MLP'), await runningRun(0, 'NHITS')];
    await stats.record({
      runId: a,
      workerId: 'w:1',
      wallMs: 5300.4,
      cpuMs: 9800,
      peakRssBytes: 3.1e8,
      threads: 1,
      backend: 'cpu',
      stepsPerSecond: 88.5,
    });
    await stats.record({ runId: b, workerId: 'w:1', wallMs: 10, cpuMs: 9, peakRssBytes: 1e8, threads: 2, backend: 'cpu' });
    await stats.record({ runId: b, workerId: 'w:2', wallMs: 20, cpuMs: 19, peakRssBytes: 2e8, threads: 2, backend: 'cpu' });
    expect(await stats.forRun(a)).toMatchObject({
      runId: a,
      wallMs: 5300,
      cpuMs: 9800,
      peakRssBytes: 310_000_000,
      threads: 1,
      stepsPerSecond: 88.5,
      modelName: 'MLP',
      horizon: 12,
    });
    expect(await stats.forRun(randomUUID())).toBeNull();
    expect(await stats.forRun('not-a-uuid')).toBeNull();
    const byName = await stats.forExperiment('leases');
    expect(byName.map((row) => [row.modelName, row.workerId, row.stepsPerSecond])).toEqual([
      ['MLP', 'w:1', 88.5],
      ['NHITS', 'w:2', null],
    ]);
    expect(await stats.forExperiment(experimentId)).toHaveLength(2);
    expect(await stats.forExperiment('no-such-experiment')).toEqual([]);
  });

  it('refuses statistics of a run that does not exist', async () => {
    await expect(
      stats.record({ runId: randomUUID(), workerId: 'w', wallMs: 1, cpuMs: 1, peakRssBytes: 1, threads: 1, backend: 'cpu' }),
    ).rejects.toThrow(/resource_stats_run_id_fkey/);
  });

  it("a new attempt takes the run's heartbeat row over: worker, job, attempt and a fresh beat", async () => {
    const id = await runningRun();
    await leases.open({ runId: id, workerId: 'w:1', jobId: randomUUID(), jobKind: 'train-run', attempt: 1 });
    await backdateBeat(id, 60);
    const jobId = randomUUID();
    await leases.open({ runId: id, workerId: 'w:2', jobId, jobKind: 'tune-trial', attempt: 2 });
    const rows = (await db().dataSource.query(
      `SELECT worker_id, job_id, job_kind, attempt, beat_at > now() - interval '10 s' AS fresh FROM run_heartbeats WHERE run_id = $1`,
      [id],
    )) as unknown[];
    expect(rows).toEqual([{ worker_id: 'w:2', job_id: jobId, job_kind: 'tune-trial', attempt: 2, fresh: true }]);
  });
});
