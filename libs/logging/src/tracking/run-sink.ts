/** A finished run, as sent to external trackers. */
export interface FinishedRun {
  experiment: string;
  runId: string;
  model: string;
  horizon: number;
  status: 'completed' | 'failed';
  parameters: Record<string, unknown>;
  metrics: Record<string, number>;
  startedAt: Date;
  endedAt: Date;
  error?: string;
}

/**
 * An extra place runs are reported to, beside the database (which is always
 * written). Multi-bound: the service reports to every sink; a sink that fails
 * logs a warning and never fails the run.
 */
export const RunSink = Symbol('RunSink');
export interface RunSink {
  readonly name: string;
  runFinished(run: FinishedRun): Promise<void>;
}
