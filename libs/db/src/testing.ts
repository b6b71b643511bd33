// Fixtures for tests of this lib, other libs and the apps. Not part of the public runtime API.
export {
  openTestDatabase,
  migratedTemplate,
  createServerTestDatabase,
  testServerUrl,
  type TestSchema,
  type TestDatabaseOptions,
  type TestDatabase,
  type ServerTestDatabase,
} from './testing/test-database';
export { useTestDatabase } from './testing/use-test-database';
export { registerTestModelVersion, type TestModelVersion } from './testing/test-model-version';
export { openPredictionLogTestbed, type PredictionLogTestbed } from './testing/prediction-log-testbed';
