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
// The trainer of the neural models (executionModule registers them); the sampler for the step benchmarks.
export { NeuralForecaster } from './training/neural-forecaster';
export type { TrainOutcome } from './training/train-network';
export { WindowSampler, type TrainWindowOptions } from './training/window-sampler';
// The job queue (pg-boss), the workers that run its jobs in child processes, and the reaper of lost runs.
export {
  jobKinds,
  jobKindPolicies,
  type JobKind,
  type JobKindPolicy,
  type JobPayloads,
  type JobJson,
  type TrainRunJob,
  type TrialJob,
} from './queue/job-kinds';
export { JobQueue, finalJobStates, type JobState, type JobStatus, type JobOutput, type ClaimedJob } from './queue/job-queue';
export { PgBossJobQueue, pgBossSchema, type PgBossJobQueueOptions } from './queue/pg-boss-job-queue';
export { waitForJobs, type WaitForJobsOptions } from './queue/wait-for-jobs';
export { JobRunner, type JobContext, type JobOutcome, type JobProgress } from './worker/job-runner';
export { serveJobProcess, type JobProcessRuntime } from './worker/serve-job-process';
export { Worker, type WorkerOptions, type WorkerListener } from './worker/worker';
export { workerDefaults, type WorkerDefaults } from './worker/worker-defaults';
export { LocalWorkers, ChildProcessWorkers, JobProcessEntry, type WorkerRequest } from './worker/local-workers';
export { RunReaper, defaultLostRunLimits } from './reaper/run-reaper';
