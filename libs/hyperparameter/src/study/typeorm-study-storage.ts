import { inject, injectable } from 'inversify';
import { NotFoundError, UsageError } from '@tsforecast/config';
import { Database } from '@tsforecast/db';
import type { EntityManager } from 'typeorm';
import type { Direction, TrialState } from '../frozen-trial';
import type { PrunerConfig } from '../pruners/pruner';
import type { SamplerConfig } from '../samplers/sampler';
import type { Distribution } from '../space/distribution';
import type { FinishedState, NewStudy, StudyRecord, StudyStorage, TrialDraft, TrialRecord } from './study-storage';

interface StudyRow {
  id: string;
  name: string;
  direction: Direction;
  sampler: SamplerConfig;
  pruner: PrunerConfig;
  space: unknown;
  created_at: Date;
}

interface TrialRow {
  id: string;
  study_id: string;
  number: number;
  state: TrialState;
  value: number | null;
  params: Record<string, { value: number; distribution: Distribution }>;
  started_at: Date;
  completed_at: Date | null;
  worker_id: string | null;
  run_id: string | null;
}

const TRIAL_COLUMNS = 'id, study_id, number, state, value, params, started_at, completed_at, worker_id, run_id';

function toStudy(row: StudyRow): StudyRecord {
  return { id: row.id, name: row.name, direction: row.direction, sampler: row.sampler, pruner: row.pruner, space: row.space, createdAt: new Date(row.created_at) };
}

function toTrial(row: TrialRow, intermediate: Array<readonly [number, number]>): TrialRecord {
  const params: Record<string, number> = {};
  const distributions: Record<string, Distribution> = {};
  for (const [name, entry] of Object.entries(row.params)) {
    params[name] = entry.value;
    distributions[name] = entry.distribution;
  }
  return {
    id: row.id, studyId: row.study_id, number: Number(row.number), state: row.state,
    value: row.value === null ? null : Number(row.value), params, distributions, intermediate,
    startedAt: new Date(row.started_at), completedAt: row.completed_at === null ? null : new Date(row.completed_at),
    workerId: row.worker_id, runId: row.run_id,
  };
}

/** TypeORM answers UPDATE … RETURNING with `[rows, affected]` and other statements with `rows`. */
function returnedRows<T>(result: unknown): T[] {
  const list = result as unknown[];
  return (list.length === 2 && Array.isArray(list[0]) && typeof list[1] === 'number' ? list[0] : list) as T[];
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e.code === '23505' || e.driverError?.code === '23505';
}

/**
 * Studies in the project database (tables `studies`, `study_trials`,
 * `study_trial_values`), on PGlite or a PostgreSQL server.
 *
 * Trial numbers are allocated inside a transaction that first locks the study
 * row (`SELECT … FOR UPDATE`), so concurrent workers in any number of processes
 * take turns: each one samples from a snapshot that includes every other
 * worker's running trial (the constant liar) and gets the next number. The
 * unique (study_id, number) constraint backs this up.
 */
@injectable()
export class TypeOrmStudyStorage implements StudyStorage {
  constructor(@inject(Database) private readonly database: Database) {}

  async createStudy(study: NewStudy): Promise<StudyRecord> {
    try {
      const rows: StudyRow[] = await this.database.dataSource.query(
        `INSERT INTO studies (name, direction, sampler, pruner, space) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, name, direction, sampler, pruner, space, created_at`,
        [study.name, study.direction, JSON.stringify(study.sampler), JSON.stringify(study.pruner), JSON.stringify(study.space)],
      );
      return toStudy(rows[0]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsageError(`study '${study.name}' already exists; load it or pick another name`, { cause: error });
      throw error;
    }
  }

  async findStudy(name: string): Promise<StudyRecord | undefined> {
    const rows: StudyRow[] = await this.database.dataSource.query(`SELECT id, name, direction, sampler, pruner, space, created_at FROM studies WHERE name = $1`, [name]);
    return rows.length === 0 ? undefined : toStudy(rows[0]);
  }

  async createTrial(studyId: string, draft: (trials: readonly TrialRecord[], number: number) => TrialDraft, meta: { workerId?: string; runId?: string } = {}): Promise<TrialRecord> {
    return this.database.dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(`SELECT id FROM studies WHERE id = $1 FOR UPDATE`, [studyId]);
      if (locked.length === 0) throw new NotFoundError(`study id '${studyId}' not found`, { exitCode: 1 });
      const trials = await this.readTrials(manager, studyId);
      const number = trials.length === 0 ? 0 : trials[trials.length - 1].number + 1;
      const { params, distributions } = draft(trials, number);
      const stored: TrialRow['params'] = {};
      for (const [name, value] of Object.entries(params)) stored[name] = { value, distribution: distributions[name] };
      const rows: TrialRow[] = await manager.query(
        `INSERT INTO study_trials (study_id, number, params, worker_id, run_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${TRIAL_COLUMNS}`,
        [studyId, number, JSON.stringify(stored), meta.workerId ?? null, meta.runId ?? null],
      );
      return toTrial(rows[0], []);
    });
  }

  async finishTrial(trialId: string, state: FinishedState, value: number | null): Promise<TrialRecord> {
    const rows = returnedRows<TrialRow>(await this.database.dataSource.query(
      `UPDATE study_trials SET state = $2, value = $3, completed_at = now() WHERE id = $1 AND state = 'running' RETURNING ${TRIAL_COLUMNS}`,
      [trialId, state, value],
    ));
    if (rows.length === 0) {
      const existing: Array<{ number: number; state: string }> = await this.database.dataSource.query(`SELECT number, state FROM study_trials WHERE id = $1`, [trialId]);
      if (existing.length === 0) throw new NotFoundError(`trial id '${trialId}' not found`, { exitCode: 1 });
      throw new UsageError(`trial ${existing[0].number} is already ${existing[0].state}; it cannot be told again`);
    }
    return toTrial(rows[0], await this.readIntermediate(this.database.dataSource.manager, [trialId]).then((m) => m.get(trialId) ?? []));
  }

  async attachRun(trialId: string, runId: string): Promise<void> {
    const rows = returnedRows<{ id: string }>(await this.database.dataSource.query(`UPDATE study_trials SET run_id = $2 WHERE id = $1 RETURNING id`, [trialId, runId]));
    if (rows.length === 0) throw new NotFoundError(`trial id '${trialId}' not found`, { exitCode: 1 });
  }

  async reportIntermediate(trialId: string, step: number, value: number): Promise<void> {
    await this.database.dataSource.query(
      `INSERT INTO study_trial_values (trial_id, step, value) VALUES ($1, $2, $3) ON CONFLICT (trial_id, step) DO NOTHING`,
      [trialId, step, Number.isNaN(value) ? 'NaN' : value],
    );
  }

  async listTrials(studyId: string): Promise<TrialRecord[]> {
    return this.readTrials(this.database.dataSource.manager, studyId);
  }

  async failRunningTrials(studyId: string, startedBefore: Date): Promise<number[]> {
    const rows = returnedRows<{ number: number }>(await this.database.dataSource.query(
      `UPDATE study_trials SET state = 'failed', completed_at = now()
       WHERE study_id = $1 AND state = 'running' AND started_at <= $2 RETURNING number`,
      [studyId, startedBefore],
    ));
    return rows.map((r) => Number(r.number)).sort((a, b) => a - b);
  }

  private async readTrials(manager: EntityManager, studyId: string): Promise<TrialRecord[]> {
    const rows: TrialRow[] = await manager.query(`SELECT ${TRIAL_COLUMNS} FROM study_trials WHERE study_id = $1 ORDER BY number`, [studyId]);
    const values: Array<{ trial_id: string; step: number; value: number | string }> = await manager.query(
      `SELECT v.trial_id, v.step, v.value FROM study_trial_values v JOIN study_trials t ON t.id = v.trial_id
       WHERE t.study_id = $1 ORDER BY v.trial_id, v.step`,
      [studyId],
    );
    const byTrial = new Map<string, Array<readonly [number, number]>>();
    for (const v of values) {
      const list = byTrial.get(v.trial_id) ?? [];
      list.push([Number(v.step), Number(v.value)]);
      byTrial.set(v.trial_id, list);
    }
    return rows.map((row) => toTrial(row, byTrial.get(row.id) ?? []));
  }

  private async readIntermediate(manager: EntityManager, trialIds: string[]): Promise<Map<string, Array<readonly [number, number]>>> {
    const values: Array<{ trial_id: string; step: number; value: number | string }> = await manager.query(
      `SELECT trial_id, step, value FROM study_trial_values WHERE trial_id = ANY($1) ORDER BY step`,
      [trialIds],
    );
    const out = new Map<string, Array<readonly [number, number]>>();
    for (const v of values) out.set(v.trial_id, [...(out.get(v.trial_id) ?? []), [Number(v.step), Number(v.value)]]);
    return out;
  }
}
