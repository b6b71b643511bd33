import type { EntityClass } from '../tracking';
import { HyperparameterStudy } from './hyperparameter-study';
import { StudyTrial } from './study-trial';
import { StudyTrialValue } from './study-trial-value';

/**
 * Entities of hyperparameter studies (tables created by
 * `libs/db/src/migrations/*-create-studies.ts`), read and written only by the
 * `StudyStore` (the hyperparameter lib's storage is an adapter over it).
 */
export const studyEntities: EntityClass[] = [HyperparameterStudy, StudyTrial, StudyTrialValue];

export { HyperparameterStudy, StudyTrial, StudyTrialValue };
