import type { Database } from '@tsforecast/db';

/**
 * Where a search's wall time went, from what the database kept (queue jobs,
 * trials, runs), in seconds: per trial the median of each phase, and per slot
 * how long it idled. The phases of a trial run by a `trial` job:
 * `claim` (the previous job on any slot ended → this job was claimed),
 * `to_ask` (claimed → its first trial asked: process hand-off, data, study, ask),
 * `between_trials` (a trial job's run closed → its next trial asked),
 * `to_run` (asked → its run started), `fit` (run started → trial told),
 * `close` (told → run closed), `to_complete` (its last run closed → queue job completed).
 * `train_run_wait` is how long the `train-run` job waited after its own last
 * trial for the ones other jobs ran; `refit` the refit of the best after that.
 */
export interface TuningTimeline {
  trials_by_trial_jobs: number;
  trials_by_train_run: number;
  median_s: Record<'claim' | 'to_ask' | 'between_trials' | 'to_run' | 'fit' | 'close' | 'to_complete', number>;
  /** Slot-seconds no job held, from the first job's creation to the `train-run` job's completion. */
  idle_slot_s: number;
  /** Median gap between the `train-run` job's own trials (its run closed → its next trial asked). */
  train_run_between_trials_s: number;
  train_run_wait_s: number;
  refit_s: number;
  /** Trial jobs that ended without a trial (budget used, cancelled while waiting). */
  empty_trial_jobs: number;
}

interface JobRow {
  id: string;
  name: string;
  state: string;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
}

interface TrialRow {
  number: number;
  worker_id: string | null;
  started_at: Date;
  completed_at: Date | null;
  run_started_at: Date | null;
  run_ended_at: Date | null;
}

/** The timeline of the search of `experiment` (one model × horizon) run with `slots` worker slots. */
export async function tuningTimeline(database: Database, experiment: string, slots: number): Promise<TuningTimeline> {
  const jobs = (await database.dataSource.query(
    `SELECT id, name, state, created_on, started_on, completed_on FROM pgboss.job
      WHERE data->>'experiment' = $1 AND name IN ('train-run', 'trial') ORDER BY started_on`,
    [experiment],
  )) as JobRow[];
  const trials = (await database.dataSource.query(
    `SELECT t.number, t.worker_id, t.started_at, t.completed_at, r.started_at AS run_started_at, r.ended_at AS run_ended_at
       FROM study_trials t JOIN studies s ON s.id = t.study_id LEFT JOIN runs r ON r.id = t.run_id
      WHERE s.name LIKE $1 ORDER BY t.number`,
    [`${experiment}/%`],
  )) as TrialRow[];
  const trainRun = jobs.find((j) => j.name === 'train-run')!;
  const jobOf = (trial: TrialRow) => jobs.find((j) => trial.worker_id?.startsWith(`job:${j.id}:`));
  const phases = { claim: [], to_ask: [], between_trials: [], to_run: [], fit: [], close: [], to_complete: [] } as Record<
    keyof TuningTimeline['median_s'],
    number[]
  >;
  const ends = jobs.map((j) => j.completed_on).filter((d): d is Date => d !== null);
  let byTrialJobs = 0;
  const previousInJob = new Map<string, TrialRow>();
  for (const trial of trials) {
    const job = jobOf(trial);
    if (job === undefined || job.name !== 'trial' || !job.started_on || !job.completed_on) continue;
    byTrialJobs++;
    // A trial job runs trials in turn (or one, before): its first trial starts from the claim, the next from the previous one's end.
    const previous = previousInJob.get(job.id);
    previousInJob.set(job.id, trial);
    if (previous === undefined) {
      const previousEnd = Math.max(job.created_on.getTime(), ...ends.map((d) => d.getTime()).filter((t) => t <= job.started_on!.getTime()));
      phases.claim.push(seconds(job.started_on.getTime() - previousEnd));
      phases.to_ask.push(seconds(trial.started_at.getTime() - job.started_on.getTime()));
    } else {
      phases.between_trials.push(seconds(trial.started_at.getTime() - (previous.run_ended_at ?? previous.started_at).getTime()));
    }
    if (trial.run_started_at && trial.completed_at && trial.run_ended_at) {
      phases.to_run.push(seconds(trial.run_started_at.getTime() - trial.started_at.getTime()));
      phases.fit.push(seconds(trial.completed_at.getTime() - trial.run_started_at.getTime()));
      phases.close.push(seconds(trial.run_ended_at.getTime() - trial.completed_at.getTime()));
    }
  }
  for (const [jobId, last] of previousInJob) {
    const job = jobs.find((j) => j.id === jobId)!;
    if (last.run_ended_at) phases.to_complete.push(seconds(job.completed_on!.getTime() - last.run_ended_at.getTime()));
  }
  const own = trials.filter((t) => jobOf(t)?.id === trainRun.id);
  const gaps = own.slice(1).map((t, i) => seconds(t.started_at.getTime() - (own[i]!.run_ended_at ?? own[i]!.started_at).getTime()));
  const lastOwnEnd = Math.max(...own.map((t) => (t.completed_at ?? t.started_at).getTime()));
  const lastTrialEnd = Math.max(...trials.map((t) => (t.completed_at ?? t.started_at).getTime()));
  const first = Math.min(...jobs.map((j) => j.created_on.getTime()));
  const last = trainRun.completed_on!.getTime();
  const held = jobs.reduce((sum, j) => {
    if (!j.started_on || !j.completed_on) return sum;
    return sum + Math.max(0, Math.min(j.completed_on.getTime(), last) - j.started_on.getTime());
  }, 0);
  return {
    trials_by_trial_jobs: byTrialJobs,
    trials_by_train_run: own.length,
    median_s: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, median(v)])) as TuningTimeline['median_s'],
    idle_slot_s: seconds(slots * (last - first) - held),
    train_run_between_trials_s: median(gaps),
    train_run_wait_s: seconds(Math.max(0, lastTrialEnd - lastOwnEnd)),
    refit_s: seconds(last - lastTrialEnd),
    empty_trial_jobs: jobs.filter((j) => j.name === 'trial').length - previousInJob.size,
  };
}

function seconds(ms: number): number {
  return Number((ms / 1000).toFixed(3));
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Number(((sorted[mid - 1]! + sorted[mid]!) / 2).toFixed(3));
}
