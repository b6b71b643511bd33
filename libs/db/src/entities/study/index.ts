import type { EntityClass } from '../tracking';
import { HyperparameterStudy } from './hyperparameter-study';
import { StudyTrial } from './study-trial';
import { StudyTrialValue } from './study-trial-value';

/**
 * Entities of hyperparameter studies (tables created by
 * `migrations/*-create-studies.ts`). The hyperparameter lib reads and writes
 * them with SQL through `TypeOrmStudyStorage`.
 */
export const studyEntities: EntityClass[] = [HyperparameterStudy, StudyTrial, StudyTrialValue];

export { HyperparameterStudy, StudyTrial, StudyTrialValue };
