import type { SearchRequest } from '../training/train-request';

/** What `POST /jobs` asks for: a training request whose data is a file under DATA_DIR or an uploaded data set. */
export interface TrainingJobRequest {
  /** A path relative to DATA_DIR, or the id of a registered data set (`POST /datasets`) whose file is under DATA_DIR. */
  data: string;
  models: string[];
  horizons: number[];
  experiment: string;
  frequency?: string;
  seasonLength?: number;
  /** Hyperparameter overrides applied to every model that has them. */
  overrides?: Record<string, unknown>;
  /** Tune each neural model before its final fit. */
  search?: SearchRequest;
}

/** Where a training job (or one of its runs) is. */
export type TrainingJobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** States a training job never leaves. */
export const endedTrainingJobStates: readonly TrainingJobState[] = ['completed', 'failed', 'cancelled'];

/** One model × horizon of a training job: its queue job, its run and where it is. */
export interface TrainingJobRun {
  jobId: string;
  model: string;
  horizon: number;
  status: TrainingJobState;
  /** The run of the latest attempt; null while queued. */
  runId: string | null;
  attempts: number;
  error: string | null;
  metrics: Record<string, number> | null;
  /** `name@version` of the model version the run registered. */
  modelRef: string | null;
  /** 0..1 while running (from the run's heartbeat); 1 once ended well. */
  progress: number | null;
  stepsPerSecond: number | null;
  /** Seconds left of this run, estimated from its progress so far; null when unknown. */
  etaSeconds: number | null;
}

/** A training job as `GET /jobs/:id` shows it: its state derived from its queue jobs. */
export interface TrainingJobView {
  id: string;
  experiment: string;
  state: TrainingJobState;
  createdBy: string;
  createdAt: Date;
  cancelledAt: Date | null;
  datasetId: string | null;
  request: TrainingJobRequest;
  progress: {
    runsDone: number;
    runsTotal: number;
    /** `MODEL h=H` of the runs running now. */
    current: string[];
    /** Sum over the running runs. */
    stepsPerSecond: number | null;
    /** Seconds until every run has ended, estimated; 0 when ended, null when unknown. */
    etaSeconds: number | null;
  };
  runs: TrainingJobRun[];
}
