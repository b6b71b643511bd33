import 'reflect-metadata';
import { MemoryLogger } from '@tsforecast/config/testing';
import { TypeOrmTrackingStore } from '@tsforecast/db';
import { useTestDatabase } from '@tsforecast/db/testing';
import type { RecordedRun, RunEnd, RunProgress, RunRecordSink } from './run-recorder';
import { TrackingRunRecorder } from './tracking-run-recorder';

/** A sink that records what it receives, or throws on every event. */
class ListeningSink implements RunRecordSink {
  readonly events: string[] = [];
  constructor(
    readonly name: string,
    private readonly broken = false,
  ) {}
  async started(run: RecordedRun): Promise<void> {
    this.receive(`started ${run.kind} ${run.model}`);
  }
  async progressed(_run: RecordedRun, progress: RunProgress): Promise<void> {
    this.receive(`progress ${progress.step}`);
  }
  async finished(_run: RecordedRun, end: RunEnd): Promise<void> {
    this.receive(end.status === 'completed' ? `completed ${end.model ? 'with model' : 'without model'}` : `${end.status}`);
  }
  private receive(event: string): void {
    if (this.broken) throw new Error('tracking server at http://u:hunter2@mlflow:5000 said 503');
    this.events.push(event);
  }
}

describe('TrackingRunRecorder', () => {
  const database = useTestDatabase();
  /** The database the recorder writes, read back through its own store. */
  const tracking = () => new TypeOrmTrackingStore(database());

  it('writes the database first, then mirrors every event; a failing sink warns and never fails the run', async () => {
    const logger = new MemoryLogger();
    const listening = new ListeningSink('listening');
    const recorder = new TrackingRunRecorder(tracking(), logger, [new ListeningSink('broken', true), listening]);
    const run = await recorder.start({ kind: 'cv', experiment: 'rec', model: 'Naive', horizon: 3, parameters: { windows: 2 } });
    await recorder.progress(run, { step: 1, metrics: { train_loss: 0.5 } });
    await recorder.complete(run, {
      metrics: { mae: 2 },
      windows: [
        { window: 0, metrics: { mae: 1 } },
        { window: 1, metrics: { mae: 3 } },
      ],
    });

    const stored = await tracking().getRun(run.id);
    expect(stored.run).toMatchObject({ status: 'completed', kind: 'cv', modelName: 'Naive', parameters: { windows: 2 } });
    expect(stored.metrics.map((m) => [m.name, m.step, m.window, m.value])).toEqual([
      ['mae', null, 0, 1],
      ['mae', null, 1, 3],
      ['mae', null, null, 2],
      ['train_loss', 1, null, 0.5],
    ]);
    expect(listening.events).toEqual(['started cv Naive', 'progress 1', 'completed without model']);
    const warnings = logger.records.filter((r) => r.level === 'warn').map((r) => r.message);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(
      new RegExp(`^run sink 'broken' failed for run ${run.id}: tracking server at http://u:\\*\\*\\*@mlflow:5000 said 503$`),
    );
  });

  it('records failed and cancelled runs with their reasons, for the database and the sinks', async () => {
    const listening = new ListeningSink('listening');
    const recorder = new TrackingRunRecorder(tracking(), new MemoryLogger(), [listening]);
    const failed = await recorder.start({ kind: 'train', experiment: 'rec', model: 'MLP', horizon: 3, parameters: {} });
    await recorder.fail(failed, new Error('loss became NaN at step 3'));
    const cancelled = await recorder.start({ kind: 'predict', experiment: 'rec', model: 'MLP', horizon: 3, parameters: {} });
    await recorder.cancel(cancelled, 'client went away');
    expect((await tracking().getRun(failed.id)).run).toMatchObject({ status: 'failed', errorMessage: 'loss became NaN at step 3' });
    expect((await tracking().getRun(cancelled.id)).run).toMatchObject({ status: 'cancelled', errorMessage: 'client went away' });
    expect(listening.events).toEqual(['started train MLP', 'failed', 'started predict MLP', 'cancelled']);
  });

  it('sends nothing to the sinks when the database refuses the completion (the run stays running)', async () => {
    const listening = new ListeningSink('listening');
    const recorder = new TrackingRunRecorder(tracking(), new MemoryLogger(), [listening]);
    const run = await recorder.start({ kind: 'train', experiment: 'rec', model: 'Naive', horizon: 1, parameters: {} });
    const bad = [{ seriesId: 'a', ds: new Date(Number.NaN), value: 1 }];
    await expect(recorder.complete(run, { metrics: { mae: 1 }, predictions: bad })).rejects.toThrow(
      /'ds' of prediction 0 must be a valid Date/,
    );
    expect((await tracking().getRun(run.id)).run.status).toBe('running');
    expect(listening.events).toEqual(['started train Naive']);
  });
});
