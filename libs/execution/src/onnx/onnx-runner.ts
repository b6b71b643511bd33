import type * as ort from 'onnxruntime-node';
import { DataError, silentLogger, type Logger } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import { createSession, onnxRuntime, type RuntimeOptions } from '@tsforecast/graph';
import type { ExportedModel, Forecast } from '@tsforecast/model';
import { GRAPH_NAMES } from '../training/forecast-graph';
import { lastWindows } from '../training/window-batch';
import { checkExportedModel, checkGraphNames } from './exported-model-check';
import { forecastFromOutputs } from './forecast-from-outputs';
import { OnnxWorkerPool } from './onnx-worker-pool';

/** How a runner's session is opened and what its errors call the model. */
export interface OnnxRunnerOptions {
  /** ORT options: threads, execution provider (from the graph lib's `SessionFactory.options`). */
  readonly runtime?: RuntimeOptions;
  /** Gets the execution-provider line (which provider is used, and why when it falls back). */
  readonly logger?: Logger;
  /** What errors call the model, e.g. `model NHITS@3` (default `exported model`). */
  readonly label?: string;
  /**
   * Worker threads for {@link OnnxRunner.forecastInWorker}, each with its own session of one intra-op thread
   * (CPU only; started on the first such call). 0 or absent: none, every forecast runs inline.
   */
  readonly workers?: number;
}

/**
 * The one ONNX runner: forecasts with an exported model in one ORT session —
 * training-time prediction, `cli predict`, the forecast service and the API
 * all run a neural model through it.
 *
 * Input contract of every exported model (see `ExportedModel`):
 * - `y`: float32 [B, L] — the last L = `inputSize` values of each series; a
 *   history shorter than L is left-padded with zeros, exactly as the
 *   training windows are;
 * - `mask`: float32 [B, L] — 1 on real values, 0 on the padding;
 * - out: `y_hat`: float32 [B, h] raw values, and `quantiles`: float32
 *   [B, h, Q] when the model has quantile levels.
 * A graph that does not read the mask (identity scaler, a body that ignores
 * it) has `y` alone — export drops unused inputs — and is fed the same way
 * (ONNX Runtime ignores a feed the graph does not take). A graph with other
 * input or output names (a file of another format) is refused at
 * {@link create} with a {@link DataError} naming what it has and what is
 * expected.
 *
 * @example
 * const runner = await OnnxRunner.create(await model.export(), { runtime: { threads: 2 } });
 * try {
 *   const forecast = await runner.forecast(history); // forecast.mean[i]: [h]
 * } finally {
 *   await runner.release();
 * }
 */
export class OnnxRunner {
  /** Started by the first {@link forecastInWorker}; undefined once it could not start (inline from then on). */
  private pool: Promise<OnnxWorkerPool | undefined> | undefined;

  private constructor(
    readonly model: ExportedModel,
    private readonly session: ort.InferenceSession,
    private readonly label: string,
    private readonly options: OnnxRunnerOptions,
  ) {}

  /** Whether {@link forecastInWorker} can leave the JavaScript thread (workers asked for, CPU backend). */
  get hasWorkers(): boolean {
    const { workers = 0, runtime = {} } = this.options;
    return workers > 0 && (runtime.backend ?? 'cpu') === 'cpu';
  }

  /**
   * Opens a session on `model.onnx` and checks it follows the contract.
   * @throws DataError when the metadata or the graph's input/output names break the contract.
   * @throws GraphRuntimeError when ONNX Runtime cannot load the bytes (e.g. a truncated file).
   */
  static async create(model: ExportedModel, options: OnnxRunnerOptions = {}): Promise<OnnxRunner> {
    const label = options.label ?? 'exported model';
    checkExportedModel(model, label);
    const { session } = await createSession(model.onnx, options.runtime ?? {}, options.logger ?? silentLogger);
    try {
      checkGraphNames(session.inputNames, session.outputNames, model, label);
    } catch (error) {
      await session.release();
      throw error;
    }
    return new OnnxRunner(model, session, label, options);
  }

  /** Forecasts the `h` points after the end of each series of `history`, with quantiles when the model has them. */
  async forecast(history: SeriesFrame): Promise<Forecast> {
    const { b, l, y, mask } = this.windows(history);
    const { Tensor } = onnxRuntime();
    const out = await this.session.run({
      [GRAPH_NAMES.y]: new Tensor('float32', y, [b, l]),
      [GRAPH_NAMES.mask]: new Tensor('float32', mask, [b, l]),
    });
    return forecastFromOutputs(history, this.model, out, this.label);
  }

  /**
   * {@link forecast}, with `session.run` on one of the runner's worker threads, so the JavaScript thread is free
   * meanwhile (same model bytes and session options, same numbers). Runs inline when the runner has no workers or
   * they could not start (logged once as a warning).
   */
  async forecastInWorker(history: SeriesFrame): Promise<Forecast> {
    const pool = this.hasWorkers ? await this.startedPool() : undefined;
    if (pool === undefined || pool.broken) return this.forecast(history);
    const { b, l, y, mask } = this.windows(history);
    const outputs = await pool.run({ [GRAPH_NAMES.y]: { data: y, dims: [b, l] }, [GRAPH_NAMES.mask]: { data: mask, dims: [b, l] } });
    const out = Object.fromEntries(Object.entries(outputs).map(([name, data]) => [name, { data }]));
    return forecastFromOutputs(history, this.model, out as unknown as ort.InferenceSession.ReturnType, this.label);
  }

  /** Releases the ORT session and stops the workers; the runner cannot forecast afterwards. */
  async release(): Promise<void> {
    const pool = await this.pool;
    this.pool = Promise.resolve(undefined);
    await Promise.all([this.session.release(), pool?.close()]);
  }

  /** The model's inputs: `y`, `mask`: [B, L], the last L values of each series, left-padded. */
  private windows(history: SeriesFrame): { b: number; l: number; y: Float32Array; mask: Float32Array } {
    const { inputSize: l } = this.model;
    const b = history.series.length;
    if (b === 0) throw new DataError(`${this.label}: the history holds no series; expected at least one`);
    const { y, mask } = lastWindows(
      history.series.map((s) => s.y),
      l,
    );
    return { b, l, y, mask };
  }

  private startedPool(): Promise<OnnxWorkerPool | undefined> {
    this.pool ??= OnnxWorkerPool.start(this.model.onnx, this.options.runtime ?? {}, this.options.workers ?? 0).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      (this.options.logger ?? silentLogger).warn(`${this.label}: ONNX session workers unavailable (${reason}); running inline`, {});
      return undefined;
    });
    return this.pool;
  }
}
