export { ModelStore, type LoadedModel } from './model-store/model-store';
export { writeRunReport, type LeaderboardRow, type PredictionRow } from './reports/run-report';
export { writeCsv, csvLine } from './reports/csv-writer';
export { artifactModule } from './artifact-module';
