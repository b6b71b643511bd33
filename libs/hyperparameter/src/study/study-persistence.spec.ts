import { silentLogger } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import { TypeOrmStudyStore, TypeOrmTrackingStore, openDatabase, type Database } from '@tsforecast/db';
import { createServerTestDatabase, openTestDatabase, type ServerTestDatabase } from '@tsforecast/db/testing';
import { MedianPruner } from '../pruners/percentile-pruner';
import { TpeSampler, type TpeSamplerOptions } from '../samplers/tpe/tpe-sampler';
import { choice, randint, uniform } from '../space/expressions';
import { InMemoryStudyStorage } from './in-memory-study-storage';
import { Study } from './study';
import type { StudyStorage } from './study-storage';
import { DatabaseStudyStorage } from './database-study-storage';

const space = { x: uniform('x', -5, 5), m: choice('m', [{ kind: 'a', k: randint('k', 1, 4) }, { kind: 'b' }] as const) };
const objective = (p: { x: number; m: { kind: 'a'; k: number } | { kind: 'b' } }): number => p.x ** 2 + (p.m.kind === 'a' ? p.m.k : 2);

/** Resume, numbering, intermediate values: the same contract on every storage. */
function storageContract(label: string, open: () => Promise<{ storage: StudyStorage; database?: Database; close(): Promise<void> }>): void {
  describe(`${label}: study storage contract`, () => {
    let storage: StudyStorage;
    let database: Database | undefined;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ storage, database, close } = await open());
    }, 120_000);
    afterAll(async () => {
      await close?.();
    });

    it('resumes after a crash: stale running trials are failed with a log line, numbering continues', async () => {
      const first = await Study.create({ name: 'resume', space, storage, sampler: new TpeSampler({ seed: 5, nStartupTrials: 3 }) });
      for (let i = 0; i < 5; i++) {
        const t = await first.ask();
        await first.tell(t, objective(t.params));
      }
      const orphan = await first.ask(); // the process "dies" here
      expect(orphan.number).toBe(5);

      const logger = new MemoryLogger();
      const resumed = await Study.load('resume', { storage, space, logger, failStaleTrials: true });
      expect(resumed.sampler.config).toEqual(first.sampler.config);
      expect(logger.records.map((r) => r.message)).toContainEqual(expect.stringMatching(/marked 1 stale running trial\(s\) as failed: 5/));
      await resumed.optimize((t) => objective(t.params), { nTrials: 3 });
      const trials = await resumed.trials();
      expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(trials.map((t) => t.state)).toEqual([
        'complete',
        'complete',
        'complete',
        'complete',
        'complete',
        'failed',
        'complete',
        'complete',
        'complete',
      ]);
      const best = await resumed.bestTrial();
      expect(best!.value).toBe(Math.min(...trials.filter((t) => t.state === 'complete').map((t) => t.value as number)));
      expect(objective(best!.params)).toBeCloseTo(best!.value, 12);
      await expect(Study.create({ name: 'resume', space, storage })).rejects.toThrow(/study 'resume' already exists/);
      await expect(Study.load('nope', { storage })).rejects.toThrow(/study 'nope' not found/);
    }, 60_000);

    it("reads the trial↔run link the tracking store writes when the trial's run starts (database only)", async () => {
      if (database === undefined) return;
      const study = await Study.create({ name: 'attach-run', space, storage, sampler: new TpeSampler({ seed: 2 }) });
      const trial = await study.ask();
      const tracking = new TypeOrmTrackingStore(database);
      const experiment = await tracking.ensureExperiment('attach-run');
      const run = await tracking.startRun({
        experimentId: experiment.id,
        modelName: 'MLP',
        horizon: 2,
        kind: 'trial',
        parameters: {},
        trialId: trial.id,
      });
      expect((await study.trials()).map((t) => t.runId)).toEqual([run.id]);
      const second = {
        experimentId: experiment.id,
        modelName: 'MLP',
        horizon: 2,
        kind: 'trial' as const,
        parameters: {},
        trialId: trial.id,
      };
      await expect(tracking.startRun(second)).rejects.toThrow(
        new RegExp(`Trial 0 \\(${trial.id}\\) is already evaluated by run '${run.id}'`),
      );
      const unknown = { ...second, trialId: '00000000-0000-4000-8000-000000000000' };
      await expect(tracking.startRun(unknown)).rejects.toThrow(/Trial '00000000-0000-4000-8000-000000000000' not found/);
      // The run that was refused left nothing behind: one run in the experiment.
      expect(await tracking.listRuns({ experiment: 'attach-run' })).toHaveLength(1);
    });

    it('stores intermediate values, prunes and refuses a second tell', async () => {
      const study = await Study.createOrLoad({
        name: 'prune',
        space,
        storage,
        pruner: new MedianPruner({ nStartupTrials: 2 }),
        sampler: new TpeSampler({ seed: 2 }),
      });
      for (let i = 0; i < 2; i++) {
        const t = await study.ask();
        for (let step = 0; step < 3; step++) await t.report(step, 1 - step * 0.1);
        await study.tell(t, 0.8);
      }
      const bad = await study.ask();
      await bad.report(0, 5);
      await bad.report(0, 0); // a repeated step keeps the first value
      expect(await bad.shouldPrune()).toBe(true);
      await study.tell(bad, 'pruned');
      await expect(study.tell(bad, 1)).rejects.toThrow(/trial 2 is already pruned/);
      const stored = (await study.trials())[2];
      expect(stored.intermediate).toEqual([[0, 5]]);
      expect(stored.state).toBe('pruned');
      expect(stored.value).toBe(5);
      expect((await Study.createOrLoad({ name: 'prune', space, storage })).pruner.config.kind).toBe('median');
    }, 60_000);
  });
}

storageContract('in-memory', async () => ({ storage: new InMemoryStudyStorage(), close: async () => undefined }));

storageContract('database', async () => {
  const db = await openTestDatabase();
  return { storage: new DatabaseStudyStorage(new TypeOrmStudyStore(db)), database: db, close: () => db.close() };
});

describe('PostgreSQL server: several workers on one study', () => {
  let server: ServerTestDatabase;
  const databases: Database[] = [];
  beforeAll(async () => {
    server = await createServerTestDatabase();
    for (let i = 0; i < 2; i++)
      databases.push(await openDatabase({ DATABASE_URL: server.url, DATA_DIR: 'unused' }, silentLogger, { migrate: i === 0 }));
  }, 120_000);
  afterAll(async () => {
    for (const db of databases) await db.close();
    await server?.drop();
  });

  /** Study `name` opened by worker `w{i}` on connection `i`, with its own TPE sampler. */
  const openStudy = (name: string, i: number, tpe: TpeSamplerOptions) =>
    Study.createOrLoad({
      name,
      space,
      storage: new DatabaseStudyStorage(new TypeOrmStudyStore(databases[i]!)),
      sampler: new TpeSampler(tpe),
      workerId: `w${i}`,
    });

  it('two Study objects on separate connections never share a trial number and see each other', async () => {
    const [a, b] = [
      await openStudy('shared', 0, { seed: 1, nStartupTrials: 4 }),
      await openStudy('shared', 1, { seed: 1, nStartupTrials: 4 }),
    ];
    expect(b.record.id).toBe(a.record.id);
    const slow = async (t: { params: Parameters<typeof objective>[0] }): Promise<number> => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return objective(t.params);
    };
    await Promise.all([a.optimize(slow, { nTrials: 12, concurrency: 3 }), b.optimize(slow, { nTrials: 12, concurrency: 3 })]);
    const trials = await a.trials();
    expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(new Set(trials.map((t) => t.workerId))).toEqual(new Set(['w0', 'w1']));
    expect(trials.every((t) => t.state === 'complete')).toBe(true);
    // Same seed on both workers, yet distinct suggestions: the stream depends on the trial number.
    expect(new Set(trials.map((t) => t.params['x'])).size).toBe(24);
  }, 120_000);

  it('askWithin never overshoots the budget when workers on separate connections ask at once; failed trials free a slot', async () => {
    const [a, b] = [await openStudy('budget', 0, { seed: 3 }), await openStudy('budget', 1, { seed: 3 })];
    const failed = await a.ask();
    await a.tell(failed, 'failed');
    const asked = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).askWithin(5)));
    expect(asked.filter((t) => t !== undefined)).toHaveLength(5);
    const trials = await a.trials();
    expect(trials.map((t) => t.state)).toEqual(['failed', ...Array.from({ length: 5 }, () => 'running')]);
    expect(await b.askWithin(5)).toBeUndefined();
    await expect(a.askWithin(-1)).rejects.toThrow(/'budget' must be an integer >= 0, got -1/);
  }, 60_000);
});
