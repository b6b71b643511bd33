import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prediction logging (issue 12): `predictions.served_at` marks the rows that
 * `POST /forecast` served (logged against the model version's training run,
 * `model_id` the version), apart from the run's own hold-out predictions
 * (null). The index lists a version's served forecasts by time. `down` drops
 * the column with its rows' mark (the rows stay, as hold-out-like rows).
 */
export class ServedPredictions1767226700000 implements MigrationInterface {
  name = 'ServedPredictions1767226700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE predictions ADD COLUMN served_at timestamptz NULL`);
    await queryRunner.query(
      `CREATE INDEX predictions_model_id_served_at_idx ON predictions (model_id, served_at) WHERE served_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX predictions_model_id_served_at_idx`);
    await queryRunner.query(`ALTER TABLE predictions DROP COLUMN served_at`);
  }
}
