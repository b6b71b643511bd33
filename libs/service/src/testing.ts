// Fixtures for other libs' and the apps' tests. Not part of the public runtime API.
export { registerModelVersions } from './registry/testing/register-model-versions';
export { recordRuns, type RunFixture } from './registry/testing/record-runs';
export { saveFittedModel, type FittedModelSpec } from './serving/testing/save-fitted-model';
export { hourlySeries, hourlyFrame, hourlyTimestamp } from './serving/testing/hourly-series';
export { recordStudy, type TrialFixture } from './queries/testing/record-study';
