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
