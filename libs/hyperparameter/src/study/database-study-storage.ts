import { inject, injectable } from 'inversify';
import { StudyStore, type JsonObject, type JsonValue, type StoredTrial } from '@tsforecast/db';
import type { PrunerConfig } from '../pruners/pruner';
import type { SamplerConfig } from '../samplers/sampler';
import type { Distribution } from '../space/distribution';
import type { FinishedState, NewStudy, StudyRecord, StudyStorage, TrialDraft, TrialRecord } from './study-storage';

/** How a trial's params are stored: `{ name: { value, distribution } }` (internal values, a choice as its option index). */
type StoredParams = Record<string, { value: number; distribution: Distribution }>;

/**
 * {@link StudyStorage} in the project database: a thin adapter over db's
 * {@link StudyStore}, which owns the study tables (entities, migration, row
 * locks). It only translates between the sampler's view (params and their
 * distributions) and the stored JSON.
 */
@injectable()
export class DatabaseStudyStorage implements StudyStorage {
  constructor(@inject(StudyStore) private readonly store: StudyStore) {}

  async createStudy(study: NewStudy): Promise<StudyRecord> {
    const created = await this.store.createStudy({
      name: study.name,
      direction: study.direction,
      sampler: toJson(study.sampler) as JsonObject,
      pruner: toJson(study.pruner) as JsonObject,
      space: toJson(study.space),
    });
    return toStudy(created);
  }

  async findStudy(name: string): Promise<StudyRecord | undefined> {
    const found = await this.store.findStudy(name);
    return found === undefined ? undefined : toStudy(found);
  }

  async createTrial(
    studyId: string,
    draft: (trials: readonly TrialRecord[], number: number) => TrialDraft,
    meta: { workerId?: string } = {},
  ): Promise<TrialRecord> {
    const stored = await this.store.createTrial(
      studyId,
      (trials, number) => {
        const { params, distributions } = draft(trials.map(toTrial), number);
        const entries: StoredParams = {};
        for (const [name, value] of Object.entries(params)) entries[name] = { value, distribution: distributions[name]! };
        return { params: toJson(entries) as JsonObject };
      },
      meta,
    );
    return toTrial(stored);
  }

  async finishTrial(trialId: string, state: FinishedState, value: number | null): Promise<TrialRecord> {
    return toTrial(await this.store.finishTrial(trialId, state, value));
  }

  reportIntermediate(trialId: string, step: number, value: number): Promise<void> {
    return this.store.reportIntermediate(trialId, step, value);
  }

  async listTrials(studyId: string): Promise<TrialRecord[]> {
    return (await this.store.listTrials(studyId)).map(toTrial);
  }

  failRunningTrials(studyId: string, startedBefore: Date): Promise<number[]> {
    return this.store.failRunningTrials(studyId, startedBefore);
  }
}

/** Plain JSON (the sampler and space configs are JSON-safe objects). */
function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function toStudy(row: {
  id: string;
  name: string;
  direction: 'minimize' | 'maximize';
  sampler: JsonObject;
  pruner: JsonObject;
  space: JsonValue;
  createdAt: Date;
}): StudyRecord {
  return {
    id: row.id,
    name: row.name,
    direction: row.direction,
    sampler: row.sampler as unknown as SamplerConfig,
    pruner: row.pruner as unknown as PrunerConfig,
    space: row.space,
    createdAt: new Date(row.createdAt),
  };
}

function toTrial({ trial, intermediate }: StoredTrial): TrialRecord {
  const params: Record<string, number> = {};
  const distributions: Record<string, Distribution> = {};
  for (const [name, entry] of Object.entries(trial.params as unknown as StoredParams)) {
    params[name] = entry.value;
    distributions[name] = entry.distribution;
  }
  return {
    id: trial.id,
    studyId: trial.studyId,
    number: Number(trial.number),
    state: trial.state,
    value: trial.value === null ? null : Number(trial.value),
    params,
    distributions,
    intermediate,
    startedAt: new Date(trial.startedAt),
    completedAt: trial.completedAt === null ? null : new Date(trial.completedAt),
    workerId: trial.workerId,
    runId: trial.runId,
  };
}
