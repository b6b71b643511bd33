import type { EntityClass } from '../tracking';
import { TrainingJobRecord } from './training-job';

/** Entities of API training jobs (table created by `migrations/*-training-jobs.ts`). */
export const jobEntities: EntityClass[] = [TrainingJobRecord];

export { TrainingJobRecord };
