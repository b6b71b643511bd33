import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Settings } from '@tsforecast/config';
import { SeriesReader, holdOut, type SeriesFrame } from '@tsforecast/data';
import { RunLeaseStore, TrackingStore } from '@tsforecast/db';
import { Study, StudyStorage } from '@tsforecast/hyperparameter';
import { openServiceStack, type ServiceStack } from '../testing/service-stack';
import { TrainingService } from '../training/training-service';
import type { SearchRequest } from '../training/train-request';
import { trialWorkerId, type TrialOwner } from './abandoned-trials';
import { TuningService, type TuningContext } from './tuning-service';

jest.setTimeout(180_000);

const AIR_PASSENGERS = resolve(__dirname, '../../../../apps/cli/assets/air_passengers.csv');

// Trials shared by several runners on one study (what `trial` jobs and the
// `train-run` job do on different workers), on PostgreSQL with tiny MLP trials.
describe('tuning in parallel: one study, several runners', () => {
  let stack: ServiceStack;
  let train: SeriesFrame;
  const search = (trials: number): SearchRequest => ({ sampler: 'random', trials, pruner: 'none', seed: 3 });

  beforeAll(async () => {
    stack = await openServiceStack('tsf-trials-');
    // Two local worker slots: the train-run job on one, the trial jobs on the other.
    const settings = stack.container.get<Settings>(Settings);
    stack.container.rebindSync<Settings>(Settings).toConstantValue({ ...settings, MAX_PARALLEL_RUNS: 2 });
    const { frame } = await stack.container.get<SeriesReader>(SeriesReader).read(AIR_PASSENGERS);
    train = holdOut(frame, 6).train;
  });
  afterAll(async () => stack.database.close());

  const tuning = () => stack.container.get(TuningService);
  const storage = () => stack.container.get<StudyStorage>(StudyStorage);
  const context = (experiment: string, job?: TrialOwner): TuningContext => ({
    experiment,
    overrides: { maxSteps: 10 },
    ...(job ? { job } : {}),
  });
  /** A job attempt whose worker beats (its lease is fresh): its running trials are alive. */
  async function liveJob(): Promise<TrialOwner> {
    const owner = { jobId: randomUUID(), attempt: 1 };
    await stack.container
      .get<RunLeaseStore>(RunLeaseStore)
      .open({ runId: randomUUID(), workerId: 'test:1', jobId: owner.jobId, jobKind: 'trial', attempt: 1 });
    return owner;
  }
  const trialsOf = async (study: string) => storage().listTrials((await storage().findStudy(study))!.id);

  it('runTrial runs one trial within the budget, then completes as a no-op', async () => {
    expect(await tuning().runTrial('MLP', 6, train, search(1), context('budget'))).toMatchObject({ trial: 0, result: expect.any(Number) });
    expect(await tuning().runTrial('MLP', 6, train, search(1), context('budget'))).toEqual({ skipped: 'budget used' });
    expect((await trialsOf('budget/MLP/h6')).map((t) => t.state)).toEqual(['complete']);
  });

  it('runTrialsInTurn runs trials until the budget is used, or until keepGoing says no', async () => {
    const all = await tuning().runTrialsInTurn('MLP', 6, train, search(2), context('in-turn'));
    expect(all).toEqual({ ran: [0, 1].map((trial) => ({ trial, result: expect.any(Number) })), stopped: 'budget used' });
    // keepGoing is asked before each trial after the first.
    const told = await tuning().runTrialsInTurn('MLP', 6, train, search(2), { ...context('told'), keepGoing: async () => false });
    expect(told).toEqual({ ran: [{ trial: 0, result: expect.any(Number) }], stopped: 'told to stop' });
    expect((await trialsOf('told/MLP/h6')).map((t) => t.state)).toEqual(['complete']);
  });

  it("tune waits for a trial another live process runs, then refits on all; a dead process's trial is failed, not waited on", async () => {
    await tuning().runTrial('MLP', 6, train, search(4), context('wait', await liveJob()));
    const other = await liveJob();
    const study = await Study.load('wait/MLP/h6', { storage: storage(), workerId: trialWorkerId(other) });
    const running = await study.ask(); // trial 1, run by a live job attempt elsewhere
    const dead = { jobId: randomUUID(), attempt: 2 }; // a job attempt that never got a lease: its process is gone
    const orphan = await (await Study.load('wait/MLP/h6', { storage: storage(), workerId: trialWorkerId(dead) })).ask(); // trial 2

    let tuned = false;
    const tuning$ = tuning()
      .tune('MLP', 6, train, search(4), context('wait', await liveJob()))
      .then((outcome) => ((tuned = true), outcome));
    // Once tune has run its own trials (3 and 4), only the live trial 1 keeps it from refitting.
    const ownDone = async () => (await trialsOf('wait/MLP/h6')).filter((t) => t.number >= 3 && t.state === 'complete').length === 2;
    while (!(await ownDone())) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(tuned).toBe(false);
    await study.tell(running, 1e6);
    const outcome = await tuning$;
    const trials = await trialsOf('wait/MLP/h6');
    expect(trials.map((t) => [t.number, t.state])).toEqual([
      [0, 'complete'],
      [1, 'complete'],
      [2, 'failed'],
      [3, 'complete'],
      [4, 'complete'],
    ]);
    expect(orphan.number).toBe(2);
    expect(outcome.finishedTrials).toBe(4);
    expect(outcome.bestTrial).not.toBe(1);
  });

  it('a tune and three trial runners at once on one study run exactly `trials` trials with distinct numbers', async () => {
    const runners = [
      tuning().tune('MLP', 6, train, search(4), context('race', await liveJob())),
      ...(await Promise.all([liveJob(), liveJob(), liveJob()])).map(async (job) =>
        tuning().runTrial('MLP', 6, train, search(4), context('race', job)),
      ),
    ];
    const [outcome] = (await Promise.all(runners)) as [Awaited<ReturnType<TuningService['tune']>>];
    const trials = await trialsOf('race/MLP/h6');
    expect(trials.map((t) => [t.number, t.state])).toEqual([0, 1, 2, 3].map((n) => [n, 'complete']));
    expect(outcome.finishedTrials).toBe(4);
    const runs = await stack.container.get<TrackingStore>(TrackingStore).listRuns({ experiment: 'race', limit: 100 });
    expect(runs.filter((r) => r.kind === 'trial' && r.status === 'completed')).toHaveLength(4);
  });

  it('train with a search over the queue: trial jobs and the train-run job share the study, the refit completes', async () => {
    const result = await stack.container.get(TrainingService).train({
      data: AIR_PASSENGERS,
      models: ['MLP', 'Naive'],
      horizons: [6],
      experiment: 'queued-search',
      outputDir: join(stack.dir, 'queued-search'),
      overrides: { maxSteps: 100 },
      search: search(4),
    });
    expect(result.outcomes.map((o) => [o.model, o.status])).toEqual([
      ['MLP', 'completed'],
      ['Naive', 'completed'],
    ]);
    expect(result.outcomes[0]!.tuning).toMatchObject({ studyName: 'queued-search/MLP/h6', finishedTrials: 4, newTrials: 4 });
    const trials = await trialsOf('queued-search/MLP/h6');
    expect(trials.map((t) => [t.number, t.state])).toEqual([0, 1, 2, 3].map((n) => [n, 'complete']));
    // One trial job for MLP (none for Naive): two slots, the train-run job on one; it ran trials in turn, found
    // the budget used, or was cancelled as left over once the train-run job had refitted.
    const jobs = (await stack.database.dataSource.query(
      `SELECT id, state, output FROM pgboss.job WHERE name = 'trial' AND data->>'experiment' = 'queued-search'`,
    )) as { id: string; state: string; output: { trials?: number[] } | null }[];
    expect(jobs).toHaveLength(1);
    expect(jobs.every((j) => j.state === 'completed' || j.state === 'cancelled')).toBe(true);
    // Every trial was asked for by a job attempt (its worker id names it): the train-run job's or the trial job's,
    // whose output lists exactly the trials it asked for.
    expect(trials.every((t) => /^job:.+:1$/.test(t.workerId ?? ''))).toBe(true);
    const byTrialJob = trials.filter((t) => t.workerId === `job:${jobs[0]!.id}:1`).map((t) => t.number);
    expect(jobs[0]!.output?.trials ?? []).toEqual(byTrialJob);
    expect(new Set(trials.map((t) => t.workerId)).size).toBe(byTrialJob.length > 0 ? 2 : 1);
  }, 300_000);
});
