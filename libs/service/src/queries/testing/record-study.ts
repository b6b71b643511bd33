import type { Container } from 'inversify';
import { StudyStore, TrackingStore } from '@tsforecast/db';

/** A finished trial to record: its state, value and sampled learning rate. */
export interface TrialFixture {
  readonly state: 'complete' | 'pruned' | 'failed';
  readonly value: number | null;
  readonly learningRate: number;
}

/**
 * Records a minimizing study named `name` with these trials (numbers 0, 1, …),
 * each linked to a `trial` run of `experiment`, as a search would. Returns the
 * study id and the trials' run ids in order.
 */
export async function recordStudy(
  container: Container,
  name: string,
  experiment: string,
  trials: readonly TrialFixture[],
): Promise<{ studyId: string; runIds: string[] }> {
  const studies = container.get<StudyStore>(StudyStore);
  const tracking = container.get<TrackingStore>(TrackingStore);
  const study = await studies.createStudy({
    name,
    direction: 'minimize',
    sampler: { kind: 'tpe', seed: 1 },
    pruner: { kind: 'median' },
    space: {},
  });
  const { id: experimentId } = await tracking.ensureExperiment(experiment);
  const runIds: string[] = [];
  for (const fixture of trials) {
    const { trial } = await studies.createTrial(study.id, () => ({
      params: { learningRate: { value: fixture.learningRate, distribution: { kind: 'float', low: 1e-4, high: 1e-1, log: true } } },
    }));
    const run = await tracking.startRun({ experimentId, modelName: 'MLP', horizon: 6, kind: 'trial', parameters: {}, trialId: trial.id });
    await studies.finishTrial(trial.id, fixture.state, fixture.value);
    runIds.push(run.id);
  }
  return { studyId: study.id, runIds };
}
