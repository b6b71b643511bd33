import { randomUUID } from 'node:crypto';
import { NotFoundError, UsageError } from '@tsforecast/config';
import type { FinishedState, NewStudy, StudyRecord, StudyStorage, TrialDraft, TrialRecord } from './study-storage';

type MutableTrial = { -readonly [K in keyof TrialRecord]: TrialRecord[K] } & { intermediate: Array<readonly [number, number]> };

/**
 * Studies in process memory (tests, benchmarks, throw-away tuning). Trial
 * allocation is synchronous, hence atomic for any number of concurrent asks.
 */
export class InMemoryStudyStorage implements StudyStorage {
  private readonly studies = new Map<string, StudyRecord>();
  private readonly trials = new Map<string, MutableTrial[]>();
  private readonly trialById = new Map<string, MutableTrial>();

  async createStudy(study: NewStudy): Promise<StudyRecord> {
    if ([...this.studies.values()].some((s) => s.name === study.name))
      throw new UsageError(`study '${study.name}' already exists; load it or pick another name`);
    const record: StudyRecord = { ...study, id: randomUUID(), createdAt: new Date() };
    this.studies.set(record.id, record);
    this.trials.set(record.id, []);
    return record;
  }

  async findStudy(name: string): Promise<StudyRecord | undefined> {
    return [...this.studies.values()].find((s) => s.name === name);
  }

  async createTrial(
    studyId: string,
    draft: (trials: readonly TrialRecord[], number: number) => TrialDraft,
    meta: { workerId?: string } = {},
  ): Promise<TrialRecord> {
    const list = this.trials.get(studyId);
    if (!list) throw new NotFoundError(`study id '${studyId}' not found`, { exitCode: 1 });
    const number = list.length;
    const { params, distributions } = draft(list, number);
    const trial: MutableTrial = {
      id: randomUUID(),
      studyId,
      number,
      state: 'running',
      value: null,
      params: { ...params },
      distributions: { ...distributions },
      intermediate: [],
      startedAt: new Date(),
      completedAt: null,
      workerId: meta.workerId ?? null,
      runId: null,
    };
    list.push(trial);
    this.trialById.set(trial.id, trial);
    return trial;
  }

  async finishTrial(trialId: string, state: FinishedState, value: number | null): Promise<TrialRecord> {
    const trial = this.get(trialId);
    if (trial.state !== 'running') throw new UsageError(`trial ${trial.number} is already ${trial.state}; it cannot be told again`);
    trial.state = state;
    trial.value = value;
    trial.completedAt = new Date();
    return trial;
  }

  async reportIntermediate(trialId: string, step: number, value: number): Promise<void> {
    const trial = this.get(trialId);
    if (trial.intermediate.some(([s]) => s === step)) return;
    trial.intermediate.push([step, value]);
    trial.intermediate.sort((a, b) => a[0] - b[0]);
  }

  async listTrials(studyId: string): Promise<TrialRecord[]> {
    return [...(this.trials.get(studyId) ?? [])];
  }

  async failRunningTrials(studyId: string, startedBefore: Date): Promise<number[]> {
    const failed: number[] = [];
    for (const t of this.trials.get(studyId) ?? []) {
      if (t.state === 'running' && t.startedAt <= startedBefore) {
        t.state = 'failed';
        t.completedAt = new Date();
        failed.push(t.number);
      }
    }
    return failed;
  }

  private get(trialId: string): MutableTrial {
    const trial = this.trialById.get(trialId);
    if (!trial) throw new NotFoundError(`trial id '${trialId}' not found`, { exitCode: 1 });
    return trial;
  }
}
