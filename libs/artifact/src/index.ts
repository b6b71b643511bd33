export type { ModelMetadata } from './model-store/model-metadata';
export { ModelStore, type SavedModel, type LoadedModel, type WrittenModel } from './model-store/model-store';
export { parseModelMetadata } from './model-store/model-metadata-schema';
export { FileModelStore } from './model-store/file-model-store';
export { writeRunReport, leaderboardColumns, type LeaderboardRow, type PredictionRow, type RunReport } from './reports/run-report';
export { writeCsv, csvField, csvLine } from './reports/csv-writer';
export { artifactModule } from './artifact-module';
