export type { ForecastModel, FitContext } from './contract/forecast-model';
export { ModelDefinition } from './contract/forecast-model';
export type { Forecast } from './contract/forecast';
export type { ExportedModel } from './contract/exported-model';
// Neural models, training, scalers, losses.
export { SCALER_TYPES, type ScalerType } from './scalers/scaler-type';
export { scalerStatistics, applyScaler, invertScaler, revinAffine } from './scalers/temporal-norm';
export { LOSS_NAMES, lossQuantiles, lossOutputs, lossGraph, pointOutput, hostLoss, type LossSpec } from './losses/forecast-loss';
export { lossSpecOf, type TrainingHyperparameters } from './contract/training-hyperparameters';
export { NeuralNetwork, type NeuralModelSpec } from './contract/neural-network';
export { MLP, mlpDefaults, type MLPHyperparameters } from './neural/mlp';
export { neuralModelSpecs } from './neural/neural-specs';
export { seasonalNaiveDefinition } from './baselines/seasonal-naive';
export { ModelRegistry, type ModelSummary } from './registry/model-registry';
export { pickOverrides } from './registry/pick-overrides';
export { modelModule } from './model-module';
