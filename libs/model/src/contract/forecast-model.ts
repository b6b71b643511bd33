import type { Logger } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import type { SearchSpace } from '@tsforecast/hyperparameter';
import type { ExportedModel } from './exported-model';
import type { Forecast } from './forecast';

/** Baselines (fixed rules), statistical models (fitted per series at forecast time) and neural networks (ONNX). */
export type ModelKind = 'baseline' | 'statistical' | 'neural';

/** What a model can use and needs; the service checks data against it before fitting. */
export interface ModelCapabilities {
  /** Exogenous kinds the model reads (none for the baselines). */
  exogenous: { historic: boolean; future: boolean; static: boolean };
  /** Whether the model forecasts all series jointly (multivariate). */
  multivariate: boolean;
  /** Fewest training points a series must have for this model and horizon. */
  minHistory(h: number, hyperparameters: Record<string, unknown>): number;
}

/** What a fit may use besides the data: logging, progress, cancellation. */
export interface FitContext {
  logger: Logger;
  /** Called with fit progress (0..1) and fields such as step and loss. */
  onProgress?: (fraction: number, fields: Record<string, number>) => void;
  signal?: AbortSignal;
  /**
   * CPU threads the fit may use: statistical models fit their series in this
   * many worker threads (default: the machine's available parallelism; 1 fits
   * in the calling thread).
   */
  threads?: number;
  /**
   * Called after each validation check (every `valCheckSteps` steps when
   * `valSize > 0`) with the step and the validation loss (raw scale). Throwing
   * from it (e.g. a tuner's `TrialPruned`) stops training and propagates out of
   * `fit`; the training sessions are released first.
   *
   * @example
   * await model.fit(train, { logger, onValidation: async (step, loss) => { await trial.report(step, loss); if (await trial.shouldPrune()) throw new TrialPruned(trial.number); } });
   */
  onValidation?: (step: number, valLoss: number) => Promise<void> | void;
}

/**
 * A fitted-or-fittable forecaster for a panel of series. One instance is one
 * model × horizon × hyperparameter set.
 *
 * @example
 * const model = registry.create('SeasonalNaive', { h: 12 });
 * await model.fit(train, ctx);
 * const fc = await model.predict(train);
 */
export interface ForecastModel<H extends object = Record<string, unknown>> {
  readonly name: string;
  readonly h: number;
  readonly hyperparameters: Readonly<H>;
  /** Learns from every series of `frame`. */
  fit(frame: SeriesFrame, context: FitContext): Promise<void>;
  /** Forecasts the `h` points after the end of each series of `history`. */
  predict(history: SeriesFrame): Promise<Forecast>;
  /**
   * The fitted model as an ONNX graph following the {@link ExportedModel}
   * contract. Absent for the statistical baselines: they hold no learned
   * weights and forecast from the history they are given at predict time.
   */
  export?(): Promise<ExportedModel>;
}

/**
 * The registration of one model: adding a model is one file with its class plus
 * one `ModelDefinition` bound as a multi-binding of {@link ModelDefinition}.
 */
export interface ModelDefinition<H extends object = Record<string, unknown>> {
  /** Class name, as in the paper (`NHITS`, `SeasonalNaive`). */
  readonly name: string;
  readonly kind: ModelKind;
  readonly description: string;
  readonly capabilities: ModelCapabilities;
  /** Default hyperparameters for horizon `h` and season length `m`. */
  defaults(h: number, seasonLength: number): H;
  /** A new unfitted model; `overrides` are merged over `defaults`. */
  create(h: number, seasonLength: number, overrides?: Partial<H>): ForecastModel<H>;
  /**
   * The default search space at horizon `h` (`--search`), typed against `H`:
   * every neural model has one (NeuralForecast's Auto* ranges); baselines and
   * statistical models have none.
   */
  searchSpace?(h: number): SearchSpace<H>;
}

export const ModelDefinition = Symbol('ModelDefinition');
