import type { MigrationInterface, QueryRunner } from 'typeorm';
import { modelStageSqlList } from '../entities/tracking/model-stage';

/**
 * Model registry stages (issue 12): `models.is_production` becomes
 * `models.stage` (`none | staging | production | archived`, production still
 * unique per name through the same partial index), and every stage change gets
 * an audit row in `model_stage_changes` (who, when, from, to). Versions that
 * were production get a row by `migration`. `down` keeps only which version
 * is production (staging and archived read as not production).
 */
export class ModelStages1767226500000 implements MigrationInterface {
  name = 'ModelStages1767226500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE models ADD COLUMN stage text NOT NULL DEFAULT 'none'`);
    await queryRunner.query(`ALTER TABLE models ADD CONSTRAINT models_stage_check CHECK (stage IN (${modelStageSqlList}))`);
    await queryRunner.query(`UPDATE models SET stage = 'production' WHERE is_production`);
    await queryRunner.query(`DROP INDEX models_one_production_per_name`);
    await queryRunner.query(`ALTER TABLE models DROP COLUMN is_production`);
    await queryRunner.query(`CREATE UNIQUE INDEX models_one_production_per_name ON models (name) WHERE stage = 'production'`);
    await queryRunner.query(`
      CREATE TABLE model_stage_changes (
        id bigserial NOT NULL,
        model_id uuid NOT NULL,
        from_stage text NOT NULL,
        to_stage text NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT model_stage_changes_pkey PRIMARY KEY (id),
        CONSTRAINT model_stage_changes_model_id_fkey FOREIGN KEY (model_id) REFERENCES models (id) ON DELETE CASCADE,
        CONSTRAINT model_stage_changes_from_stage_check CHECK (from_stage IN (${modelStageSqlList})),
        CONSTRAINT model_stage_changes_to_stage_check CHECK (to_stage IN (${modelStageSqlList}))
      )`);
    await queryRunner.query(`CREATE INDEX model_stage_changes_model_id_idx ON model_stage_changes (model_id, changed_at)`);
    await queryRunner.query(`
      INSERT INTO model_stage_changes (model_id, from_stage, to_stage, changed_by)
      SELECT id, 'none', 'production', 'migration' FROM models WHERE stage = 'production'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE model_stage_changes`);
    await queryRunner.query(`ALTER TABLE models ADD COLUMN is_production boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`UPDATE models SET is_production = (stage = 'production')`);
    await queryRunner.query(`DROP INDEX models_one_production_per_name`);
    await queryRunner.query(`ALTER TABLE models DROP CONSTRAINT models_stage_check`);
    await queryRunner.query(`ALTER TABLE models DROP COLUMN stage`);
    await queryRunner.query(`CREATE UNIQUE INDEX models_one_production_per_name ON models (name) WHERE is_production`);
  }
}
