import { inject, injectable, multiInject, optional } from 'inversify';
import { Logger, redactSecrets } from '@tsforecast/config';
import { TrackingStore, type JsonObject, type MetricInput } from '@tsforecast/db';
import {
  RunRecordSink,
  type CompletedRun,
  type RecordedRun,
  type RunEnd,
  type RunProgress,
  type RunRecorder,
  type RunResult,
  type RunStart,
} from './run-recorder';
import { OncePerKey } from './once-per-key';

/**
 * {@link RunRecorder} over the database's {@link TrackingStore} (always
 * written; its errors reach the caller) that then mirrors each event to every
 * bound {@link RunRecordSink}. Experiments are looked up once per name.
 */
@injectable()
export class TrackingRunRecorder implements RunRecorder {
  private readonly experimentIds = new OncePerKey<string>();

  constructor(
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(Logger) private readonly logger: Logger,
    @multiInject(RunRecordSink) @optional() private readonly sinks: RunRecordSink[] = [],
  ) {}

  async start(start: RunStart): Promise<RecordedRun> {
    const experimentId = await this.experimentId(start.experiment);
    const dataset = start.dataset ? await this.tracking.registerDataset(start.dataset) : undefined;
    // Plain JSON: what the hyperparameter object serialises to.
    const parameters = JSON.parse(JSON.stringify(start.parameters)) as JsonObject;
    const stored = await this.tracking.startRun({
      ...(start.id === undefined ? {} : { id: start.id }),
      experimentId,
      datasetId: dataset?.id ?? null,
      modelName: start.model,
      horizon: start.horizon,
      kind: start.kind,
      parameters,
      studyId: start.studyId ?? null,
      trialId: start.trialId ?? null,
    });
    const run: RecordedRun = {
      id: stored.id,
      kind: start.kind,
      experiment: start.experiment,
      experimentId,
      datasetId: stored.datasetId,
      model: start.model,
      horizon: start.horizon,
      parameters,
      startedAt: stored.startedAt,
    };
    await this.mirror(run, (sink) => sink.started(run));
    return run;
  }

  async progress(run: RecordedRun, progress: RunProgress): Promise<void> {
    const rows = Object.entries(progress.metrics).map(([name, value]) => ({ name, value, step: progress.step }));
    await this.tracking.recordMetrics(run.id, rows);
    await this.mirror(run, (sink) => sink.progressed(run, progress));
  }

  async complete(run: RecordedRun, result: RunResult): Promise<CompletedRun> {
    const { model } = await this.tracking.completeRun(run.id, {
      metrics: metricRows(result),
      predictions: result.predictions?.map((p) => ({ ...p, quantiles: p.quantiles ?? null, cutoff: p.cutoff ?? null })) ?? [],
      ...(result.model ? { model: result.model } : {}),
      ...(result.usedModelId ? { usedModelId: result.usedModelId } : {}),
      ...(result.durationMs === undefined ? {} : { durationMs: result.durationMs }),
    });
    const end: RunEnd = model ? { status: 'completed', result, model } : { status: 'completed', result };
    await this.mirror(run, (sink) => sink.finished(run, end, new Date()));
    return model ? { run, model } : { run };
  }

  async fail(run: RecordedRun, error: unknown, durationMs?: number): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.tracking.failRun(run.id, message, durationMs);
    await this.mirror(run, (sink) => sink.finished(run, { status: 'failed', error: message }, new Date()));
  }

  async cancel(run: RecordedRun, reason: string): Promise<void> {
    await this.tracking.cancelRun(run.id, reason);
    await this.mirror(run, (sink) => sink.finished(run, { status: 'cancelled', reason }, new Date()));
  }

  private experimentId(name: string): Promise<string> {
    return this.experimentIds.get(name, async () => (await this.tracking.ensureExperiment(name)).id);
  }

  /** Sends an event to every sink; a sink's failure is a warning, never the run's. */
  private async mirror(run: RecordedRun, send: (sink: RunRecordSink) => Promise<void>): Promise<void> {
    await Promise.all(
      (this.sinks ?? []).map(async (sink) => {
        try {
          await send(sink);
        } catch (error) {
          const message = redactSecrets(error instanceof Error ? error.message : String(error));
          this.logger.warn(`run sink '${sink.name}' failed for run ${run.id}: ${message}`, { sink: sink.name, run: run.id });
        }
      }),
    );
  }
}

/** Final scores as rows without window; each CV window's scores as rows with it. */
function metricRows(result: RunResult): MetricInput[] {
  const final = Object.entries(result.metrics).map(([name, value]) => ({ name, value }));
  const windows = (result.windows ?? []).flatMap((w) =>
    Object.entries(w.metrics).map(([name, value]) => ({ name, value, window: w.window })),
  );
  return [...final, ...windows];
}
