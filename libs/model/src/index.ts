export type { ForecastModel, ModelCapabilities, ModelKind, FitContext } from './contract/forecast-model';
export { ModelDefinition } from './contract/forecast-model';
export type { Forecast } from './contract/forecast';
export type { ExportedModel } from './contract/exported-model';
// Neural models, training, scalers, losses.
export { SCALER_TYPES, type ScalerType } from './scalers/scaler-type';
export { scalerStatistics, applyScaler, invertScaler, revinAffine, SCALER_EPS, type ScalerStatistics } from './scalers/temporal-norm';
export { maskedMean, maskedStd, maskedLowerMedian, maskedRange, maskedCount } from './scalers/masked-statistics';
export {
  LOSS_NAMES,
  levelsToQuantiles,
  lossQuantiles,
  lossOutputs,
  lossGraph,
  pointOutput,
  hostLoss,
  type LossName,
  type LossSpec,
} from './losses/forecast-loss';
export {
  trainingDefaults,
  checkTrainingHyperparameters,
  lossSpecOf,
  type TrainingHyperparameters,
} from './contract/training-hyperparameters';
export { NeuralNetwork, type NeuralModelSpec } from './contract/neural-network';
export { ACTIVATIONS, type Activation } from './neural/activation';
export { MLP, mlpSpec, mlpDefaults, type MLPHyperparameters } from './neural/mlp';
export { NHITS, nhitsSpec, nhitsDefaults, type NHITSHyperparameters } from './neural/nhits';
export {
  NBEATS,
  nbeatsSpec,
  nbeatsDefaults,
  trendBasis,
  seasonalityBasis,
  type NBEATSHyperparameters,
  type NBEATSStack,
} from './neural/nbeats';
export { DLinear, dlinearSpec, dlinearDefaults, movingAverageMatrix, type DLinearHyperparameters } from './neural/dlinear';
export { NLinear, nlinearSpec, nlinearDefaults, type NLinearHyperparameters } from './neural/nlinear';
export { TiDE, tideSpec, tideDefaults, residualBlock, type TiDEHyperparameters } from './neural/tide';
export {
  PatchTST,
  patchtstSpec,
  patchtstDefaults,
  patchCount,
  patchMatrix,
  type PatchTSTHyperparameters,
  type PatchTSTActivation,
} from './neural/patchtst';
export { neuralModelSpecs } from './neural/neural-specs';
// Baselines and the registry.
export { Naive, naiveDefinition, type NaiveHyperparameters } from './baselines/naive';
export { SeasonalNaive, seasonalNaiveDefinition, type SeasonalNaiveHyperparameters } from './baselines/seasonal-naive';
export { HistoricAverage, historicAverageDefinition, type HistoricAverageHyperparameters } from './baselines/historic-average';
export {
  RandomWalkWithDrift,
  randomWalkWithDriftDefinition,
  type RandomWalkWithDriftHyperparameters,
} from './baselines/random-walk-with-drift';
// Statistical models.
export { windowAverageDefinition, type WindowAverageHyperparameters } from './statistical/simple/window-average';
export { seasonalWindowAverageDefinition, type SeasonalWindowAverageHyperparameters } from './statistical/simple/seasonal-window-average';
export { crostonClassicDefinition } from './statistical/intermittent/croston-classic';
export { crostonSbaDefinition } from './statistical/intermittent/croston-sba';
export { adidaDefinition } from './statistical/intermittent/adida';
export { imapaDefinition } from './statistical/intermittent/imapa';
export { tsbDefinition, type TsbHyperparameters } from './statistical/intermittent/tsb';
export { ensembleDefinition, type EnsembleHyperparameters } from './statistical/ensemble/ensemble';
export { mstlDefinition, type MstlHyperparameters } from './statistical/mstl/mstl';
export { autoThetaDefinition, fitAutoTheta, type AutoThetaHyperparameters } from './statistical/theta/auto-theta';
export { autoCesDefinition, fitAutoCes, type AutoCesHyperparameters } from './statistical/ces/auto-ces';
export { autoArimaDefinition, type AutoArimaHyperparameters } from './statistical/arima/auto-arima-model';
export { fitAutoArima, type AutoArimaFit, type AutoArimaOptions } from './statistical/arima/auto-arima';
export { autoEtsDefinition, type AutoEtsHyperparameters } from './statistical/ets/auto-ets-definition';
export { fitAutoEts, type AutoEtsFit, type AutoEtsOptions } from './statistical/ets/auto-ets';
export type { StatisticalHyperparameters } from './statistical/core/local-statistical-model';
export type { SeriesFit, SeriesForecast } from './statistical/core/series-fit';
export { ModelRegistry, type ModelSummary } from './registry/model-registry';
export { pickOverrides } from './registry/pick-overrides';
export { modelModule } from './model-module';
