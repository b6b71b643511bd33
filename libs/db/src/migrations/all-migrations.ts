import type { MigrationInterface } from 'typeorm';
import { TrackingSchema1767225600000 } from './1767225600000-tracking-schema';
import { CreateStudies1767225700000 } from './1767225700000-create-studies';
import { ModelStages1767226500000 } from './1767226500000-model-stages';
import { RunRecords1767225800000 } from './1767225800000-run-records';
import { RunExecution1767225900000 } from './1767225900000-run-execution';
import { TrainingJobs1767226600000 } from './1767226600000-training-jobs';
import { ServedPredictions1767226700000 } from './1767226700000-served-predictions';

/** A migration class as TypeORM takes it. */
export type MigrationClass = new () => MigrationInterface;

/**
 * Every schema migration, oldest first. Add a new file
 * `libs/db/src/migrations/<timestamp>-<name>.ts` (class `<Name><timestamp>`) and append it
 * here; never edit one that has shipped.
 */
export const allMigrations: MigrationClass[] = [
  TrackingSchema1767225600000,
  CreateStudies1767225700000,
  RunRecords1767225800000,
  RunExecution1767225900000,
  ModelStages1767226500000,
  TrainingJobs1767226600000,
  ServedPredictions1767226700000,
];
