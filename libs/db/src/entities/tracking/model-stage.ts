/**
 * Where a model version stands in the registry: `none` when registered,
 * `staging` under trial, `production` the one `NAME@production` serves (at
 * most one per name), `archived` retired.
 */
export const modelStages = ['none', 'staging', 'production', 'archived'] as const;
export type ModelStage = (typeof modelStages)[number];

/** SQL list of the stages for CHECK constraints (the entity and the migration share it). @internal */
export const modelStageSqlList = modelStages.map((stage) => `'${stage}'`).join(', ');
