export {
  choice,
  uniform,
  quniform,
  loguniform,
  qloguniform,
  randint,
  normal,
  qnormal,
  lognormal,
  qlognormal,
  isExpr,
  type Expr,
  type NumericExpr,
  type ChoiceExpr,
  type Sampled,
  type UniformExpr,
  type QUniformExpr,
  type LogUniformExpr,
  type QLogUniformExpr,
  type RandIntExpr,
  type NormalExpr,
  type QNormalExpr,
  type LogNormalExpr,
  type QLogNormalExpr,
} from './space/expressions';
export { type SearchSpace, type SpaceEntry, type ReadonlyValue } from './space/search-space';
export { flattenSpace, type FlatSpace, type ParamSpec, type BranchCondition } from './space/flat-space';
export { materialize, configFromParams, type ParamPicker } from './space/materialize';
export { cardinality, contains, type Distribution, type NumericDistribution, type CategoricalDistribution } from './space/distribution';
export { type FrozenTrial, type TrialState, type Direction } from './frozen-trial';
export { Sfc32 } from './random/sfc32';
export { logNdtr, ndtr, ndtriExp, logGaussMass } from './math/normal-cdf';
export { truncatedNormalLogPdf, truncatedNormalCdf, truncatedNormalLogIntervalMass, sampleTruncatedNormal } from './math/truncated-normal';
export { type Sampler, type SamplerConfig, type SamplingContext, type TrialSampling } from './samplers/sampler';
export { RandomSampler } from './samplers/random-sampler';
export { GridSampler, enumerateGrid, type GridSamplerOptions } from './samplers/grid-sampler';
export { TpeSampler, OPTUNA_TPE_OPTIONS, type TpeSamplerOptions } from './samplers/tpe/tpe-sampler';
export { ParzenEstimator, type ParzenOptions } from './samplers/tpe/parzen-estimator';
export { defaultGamma, defaultWeights, splitTrials } from './samplers/tpe/split-trials';
export { createSampler, samplerFromConfig, type SamplerName } from './samplers/create-sampler';
export { type Pruner, type PrunerConfig, type PruningContext, NopPruner } from './pruners/pruner';
export { MedianPruner, PercentilePruner, type PercentilePrunerOptions } from './pruners/percentile-pruner';
export { SuccessiveHalvingPruner, type SuccessiveHalvingOptions } from './pruners/successive-halving-pruner';
export { HyperbandPruner, type HyperbandOptions } from './pruners/hyperband-pruner';
export { createPruner, prunerFromConfig, type PrunerName } from './pruners/create-pruner';
export {
  StudyStorage,
  type StudyRecord,
  type TrialRecord,
  type TrialDraft,
  type NewStudy,
  type FinishedState,
} from './study/study-storage';
export { InMemoryStudyStorage } from './study/in-memory-study-storage';
export { Study, type CreateStudyOptions, type LoadStudyOptions, type OptimizeOptions, type Objective, type BestTrial } from './study/study';
export { type Trial } from './study/trial';
export { TrialPruned } from './study/trial-pruned';
export { DatabaseStudyStorage } from './study/database-study-storage';
export { hyperparameterModule, SamplerFactory, PrunerFactory } from './hyperparameter-module';
