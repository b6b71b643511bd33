export { LocalExecutor } from './local/local-executor';
export { executionModule } from './execution-module';
export {
  crossValidation,
  type ModelSource,
  type CrossValidationRunOptions,
  type CrossValidationWindowResult,
  type CrossValidationResult,
} from './evaluation/cross-validation';
export { CrossValidator, DefinitionCrossValidator } from './evaluation/cross-validator';
// The one ONNX runner of exported models.
export { OnnxRunner, type OnnxRunnerOptions } from './onnx/onnx-runner';
// The trainer of the neural models.
export { NeuralForecaster } from './training/neural-forecaster';
export { neuralDefinition } from './training/neural-definition';
export { trainNetwork, type TrainOutcome } from './training/train-network';
export { WindowSampler, type TrainWindowOptions } from './training/window-sampler';
export { buildForecastGraph, forecastGraphOf, GRAPH_NAMES, type ForecastGraph, type ForecastGraphSpec, type NetworkBody } from './training/forecast-graph';
