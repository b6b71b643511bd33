import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLeaderboardEntries } from './1767225600000-tracking-schema';

/**
 * One owner per record (issue 9):
 * - the trial↔run link is stored once, on the trial (`study_trials.run_id`,
 *   now a foreign key, unique: a run evaluates at most one trial);
 *   `runs.trial_number` goes, and `runs.study_id` (now a foreign key) is kept
 *   only for a refit: the study whose best trial chose the run's parameters;
 * - run kinds are the four the project writes (`train`, `trial`, `cv`, `predict`);
 * - `leaderboard_entries` (a column per metric, rewritten per call) is dropped:
 *   an experiment's leaderboard is a query over its completed runs and their
 *   metric rows, so every run ever recorded stays ranked.
 * `down` restores the old shape, the links and a leaderboard ranked by MAE.
 */
export class RunRecords1767225800000 implements MigrationInterface {
  name = 'RunRecords1767225800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.linkTrialsToRuns(queryRunner);
    await queryRunner.query(`UPDATE runs SET kind = 'train' WHERE kind = 'refit'`);
    await queryRunner.query(`ALTER TABLE runs ADD CONSTRAINT runs_kind_check CHECK (kind IN ('train', 'trial', 'cv', 'predict'))`);
    await queryRunner.query(`DROP TABLE leaderboard_entries`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.recreateLeaderboard(queryRunner);
    await queryRunner.query(`ALTER TABLE runs DROP CONSTRAINT runs_kind_check`);
    await queryRunner.query(`ALTER TABLE runs ADD COLUMN trial_number integer`);
    await queryRunner.query(`
      UPDATE runs r SET study_id = t.study_id, trial_number = t.number
      FROM study_trials t WHERE t.run_id = r.id`);
    await queryRunner.query(`ALTER TABLE runs DROP CONSTRAINT runs_study_id_fkey`);
    await queryRunner.query(`ALTER TABLE study_trials DROP CONSTRAINT study_trials_run_id_fkey`);
    await queryRunner.query(`ALTER TABLE study_trials DROP CONSTRAINT study_trials_run_id_key`);
  }

  /** Moves the run→trial direction onto the trial, then drops it from the run. */
  private async linkTrialsToRuns(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE study_trials t SET run_id = r.id
      FROM runs r
      WHERE t.run_id IS NULL AND r.kind = 'trial' AND r.study_id = t.study_id AND r.trial_number = t.number`);
    // Links to runs that no longer exist (there was no foreign key) are cleared before adding one.
    await queryRunner.query(`UPDATE study_trials SET run_id = NULL WHERE run_id IS NOT NULL AND run_id NOT IN (SELECT id FROM runs)`);
    await queryRunner.query(`
      UPDATE study_trials SET run_id = NULL
      WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY run_id ORDER BY number) AS n
                                   FROM study_trials WHERE run_id IS NOT NULL) d WHERE d.n > 1)`);
    await queryRunner.query(`ALTER TABLE study_trials ADD CONSTRAINT study_trials_run_id_key UNIQUE (run_id)`);
    await queryRunner.query(`
      ALTER TABLE study_trials ADD CONSTRAINT study_trials_run_id_fkey
        FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE SET NULL`);
    await queryRunner.query(`UPDATE runs SET study_id = NULL WHERE kind = 'trial'`);
    await queryRunner.query(`UPDATE runs SET study_id = NULL WHERE study_id IS NOT NULL AND study_id NOT IN (SELECT id FROM studies)`);
    await queryRunner.query(`
      ALTER TABLE runs ADD CONSTRAINT runs_study_id_fkey
        FOREIGN KEY (study_id) REFERENCES studies (id) ON DELETE SET NULL`);
    await queryRunner.query(`ALTER TABLE runs DROP COLUMN trial_number`);
  }

  /** The pre-1767225800000 table, filled from the runs: completed `train` runs ranked by MAE per experiment × horizon. */
  private async recreateLeaderboard(queryRunner: QueryRunner): Promise<void> {
    await createLeaderboardEntries(queryRunner);
    await queryRunner.query(`
      INSERT INTO leaderboard_entries (experiment_id, horizon, rank, model_name, run_id, mae, mse, rmse, mape, smape, mase)
      SELECT r.experiment_id, r.horizon,
             row_number() OVER (PARTITION BY r.experiment_id, r.horizon ORDER BY m.mae ASC NULLS LAST, r.started_at, r.id),
             r.model_name, r.id, m.mae, m.mse, m.rmse, m.mape, m.smape, m.mase
      FROM runs r
      CROSS JOIN LATERAL (
        SELECT max(value) FILTER (WHERE name = 'mae') AS mae, max(value) FILTER (WHERE name = 'mse') AS mse,
               max(value) FILTER (WHERE name = 'rmse') AS rmse, max(value) FILTER (WHERE name = 'mape') AS mape,
               max(value) FILTER (WHERE name = 'smape') AS smape, max(value) FILTER (WHERE name = 'mase') AS mase
        FROM metrics WHERE run_id = r.id AND step IS NULL AND cv_window IS NULL AND series_id IS NULL
      ) m
      WHERE r.kind = 'train' AND r.status = 'completed'`);
  }
}
