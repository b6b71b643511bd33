import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { useServiceStack } from '../testing/service-suite';
import { SeriesReader, holdOut } from '@tsforecast/data';
import { TrackingStore, type Run } from '@tsforecast/db';
import { Study, StudyStorage, type Trial } from '@tsforecast/hyperparameter';
import { TrainingService } from '../training/training-service';
import { TuningService } from './tuning-service';
import type { TrainRequest } from '../training/train-request';

jest.setTimeout(120_000);

const AIR_PASSENGERS = resolve(__dirname, '../../../../apps/cli/assets/air_passengers.csv');

// Tuning through the real service stack on PostgreSQL (a fresh test database):
// tiny MLP trials (20 steps) on AirPassengers.
describe('TrainingService with search (TuningService)', () => {
  const stack = useServiceStack('tsf-tuning-');

  const request = (experiment: string, trials: number, models = ['MLP']): TrainRequest => ({
    data: AIR_PASSENGERS,
    models,
    horizons: [6],
    experiment,
    outputDir: join(stack.dir, experiment),
    overrides: { maxSteps: 20 },
    search: { sampler: 'random', trials, pruner: 'none', seed: 7 },
  });
  const runsOf = async (experiment: string): Promise<Run[]> =>
    stack.container.get<TrackingStore>(TrackingStore).listRuns({ experiment, limit: 1000 });

  /**
   * Tunes `trials` MLP trials in this process (no queue, no refit: the setup needs only the study), then asks one more
   * trial and starts its run, as a process stopped mid-trial leaves them.
   */
  async function leaveRunningTrial(
    experiment: string,
    trials: number,
  ): Promise<{ study: Study<unknown>; trial: Trial<unknown>; run: { id: string } }> {
    const { data, overrides, search } = request(experiment, trials);
    const { frame } = await stack.container.get<SeriesReader>(SeriesReader).read(data);
    await stack.container.get(TuningService).tune('MLP', 6, holdOut(frame, 6).train, search!, { experiment, overrides: overrides! });
    const { experimentId } = (await runsOf(experiment))[0]!;
    const study = await Study.load(`${experiment}/MLP/h6`, { storage: stack.container.get<StudyStorage>(StudyStorage) });
    const trial = await study.ask();
    const run = await stack.container
      .get<TrackingStore>(TrackingStore)
      .startRun({ experimentId, modelName: 'MLP', horizon: 6, kind: 'trial', parameters: {}, trialId: trial.id });
    return { study, trial, run };
  }

  it('records each trial as a run linked to the study and refits the best config as a normal train run', async () => {
    const result = await stack.container.get(TrainingService).train(request('tune', 3, ['Naive', 'MLP']));
    const byModel = Object.fromEntries(result.outcomes.map((o) => [o.model, o]));
    expect(byModel['Naive']!.status).toBe('completed'); // a baseline is fitted once
    expect(byModel['MLP']!.status).toBe('completed');

    const study = await stack.container.get<StudyStorage>(StudyStorage).findStudy('tune/MLP/h6');
    expect(study).toBeDefined();
    const trials = await stack.container.get<StudyStorage>(StudyStorage).listTrials(study!.id);
    expect(trials.map((t) => [t.number, t.state])).toEqual([
      [0, 'complete'],
      [1, 'complete'],
      [2, 'complete'],
    ]);

    const runs = await runsOf('tune');
    // Each trial links its run (the one link); the run does not repeat the study.
    const runById = new Map(runs.map((r) => [r.id, r]));
    const trialRuns = trials.map((t) => runById.get(t.runId!)!);
    expect(trialRuns.map((r) => [r.kind, r.status, r.studyId])).toEqual([0, 1, 2].map(() => ['trial', 'completed', null]));
    expect(runs.filter((r) => r.kind === 'trial')).toHaveLength(3);
    expect(trialRuns.every((r) => r.parameters['maxSteps'] === 20 && r.parameters['valSize'] === 6)).toBe(true);
    // A parameter fixed by the user is not searched.
    expect(trials.every((t) => !('maxSteps' in t.params) && 'inputSize' in t.params)).toBe(true);

    const refit = runs.find((r) => r.id === byModel['MLP']!.runId)!;
    expect(refit.kind).toBe('train');
    expect(refit.studyId).toBe(study!.id);
    const tuning = refit.parameters['tuning'] as { bestTrial: number; bestValMae: number; bestParams: Record<string, unknown> };
    const best = trials.reduce((a, b) => (b.value! < a.value! ? b : a));
    expect(tuning.bestTrial).toBe(best.number);
    expect(tuning.bestValMae).toBeCloseTo(best.value!, 10);
    // Best sampled values are used, the user's override wins, no validation in the refit.
    expect(refit.parameters['inputSize']).toBe(tuning.bestParams['inputSize']);
    expect(refit.parameters['hiddenSize']).toBe(tuning.bestParams['hiddenSize']);
    expect(refit.parameters['maxSteps']).toBe(20);
    expect(refit.parameters['valSize']).toBe(0);
    expect(result.best[0]!.horizon).toBe(6);
  });

  it('resumes a study: stale running trials are failed, only the missing trials run', async () => {
    // A killed process leaves a running trial behind.
    const { run: orphanRun } = await leaveRunningTrial('resume', 2);
    const storage = stack.container.get<StudyStorage>(StudyStorage);
    const tracking = stack.container.get<TrackingStore>(TrackingStore);

    const result = await stack.container.get(TrainingService).train(request('resume', 4));
    expect(result.outcomes[0]!.status).toBe('completed');
    const study = await storage.findStudy('resume/MLP/h6');
    const trials = await storage.listTrials(study!.id);
    expect(trials.map((t) => [t.number, t.state])).toEqual([
      [0, 'complete'],
      [1, 'complete'],
      [2, 'failed'],
      [3, 'complete'],
      [4, 'complete'],
    ]);
    const runs = await runsOf('resume');
    expect(runs.filter((r) => r.kind === 'trial')).toHaveLength(5);
    expect((await tracking.getRun(orphanRun.id)).run).toMatchObject({
      status: 'failed',
      errorMessage: expect.stringMatching(/trial 2 was left running by a process that stopped; marked failed/),
    });
    expect(runs.filter((r) => r.kind === 'train')).toHaveLength(1);
    const refit = runs.find((r) => r.id === result.outcomes[0]!.runId)!;
    expect(refit.parameters['tuning']).toMatchObject({ study: 'resume/MLP/h6', finishedTrials: 4 });
    // The study is loaded in the queue's job process, whose log is not this
    // logger: the stale trial shows in the trial states and the orphan run above.
  });

  it('closes the run of a trial stored as complete by a process that stopped before closing it', async () => {
    // Stopped between tell and closing the run: the trial is complete, its run still running.
    const { study, trial, run } = await leaveRunningTrial('close', 1);
    await study.tell(trial, 123.5);

    await stack.container.get(TrainingService).train(request('close', 3));
    const closed = await stack.container.get<TrackingStore>(TrackingStore).getRun(run.id);
    expect(closed.run.status).toBe('completed');
    expect(closed.metrics.map((m) => [m.name, m.value])).toEqual([['val_mae', 123.5]]);
    const runs = await runsOf('close');
    expect(runs.filter((r) => r.kind === 'trial').map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
  });

  it('prunes trials through the validation hook: pruned trials keep their reports, their runs are cancelled', async () => {
    const result = await stack.container
      .get(TrainingService)
      .train({ ...request('prune', 4), search: { sampler: 'random', trials: 4, pruner: 'sha', seed: 7 } });
    expect(result.outcomes[0]!.status).toBe('completed');
    const storage = stack.container.get<StudyStorage>(StudyStorage);
    const trials = await storage.listTrials((await storage.findStudy('prune/MLP/h6'))!.id);
    const pruned = trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    // valCheckSteps = ⌊20 / 10⌋ = 2: reports at steps 2, 4, …, stopped before 20.
    for (const t of pruned) {
      expect(t.intermediate.length).toBeGreaterThan(0);
      expect(t.intermediate[t.intermediate.length - 1]![0]).toBeLessThan(20);
    }
    const runs = await runsOf('prune');
    const cancelled = runs
      .filter((r) => r.kind === 'trial' && r.status === 'cancelled')
      .map((r) => r.id)
      .sort();
    expect(cancelled).toEqual(pruned.map((t) => t.runId).sort());
  });
});
