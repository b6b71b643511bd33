export { LocalExecutor } from './local/local-executor';
export { executionModule } from './execution-module';
export { CrossValidator } from './evaluation/cross-validator';
// The one ONNX runner of exported models.
export { OnnxRunner, type OnnxRunnerOptions } from './onnx/onnx-runner';
// The trainer of the neural models (executionModule registers them); the sampler for the step benchmarks.
export { NeuralForecaster } from './training/neural-forecaster';
export { WindowSampler } from './training/window-sampler';
export { jobKinds, type JobKind, type JobJson, type TrainRunJob, type TrialJob } from './queue/job-kinds';
export { JobQueue, type JobStatus, type ClaimedJob } from './queue/job-queue';
export { PgBossJobQueue } from './queue/pg-boss-job-queue';
export { waitForJobs } from './queue/wait-for-jobs';
export { JobRunner, type JobContext, type JobOutcome, type JobProgress } from './worker/job-runner';
export { serveJobProcess } from './worker/serve-job-process';
export { Worker } from './worker/worker';
export { LocalWorkers, JobProcessEntry } from './worker/local-workers';
export { workerDefaults } from './worker/worker-defaults';
export { RunReaper } from './reaper/run-reaper';
export { AbandonedRunCleanup, type AbandonedRun } from './reaper/abandoned-run-cleanup';
