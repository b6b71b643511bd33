import { basename, extname, resolve } from 'node:path';
import { inject, injectable } from 'inversify';
import { Logger, UsageError } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import { ModelRegistry, pickOverrides } from '@tsforecast/model';
import { CrossValidator } from '@tsforecast/execution';
import { RunRecorder, type RunDataset } from '../recording/run-recorder';
import { SeriesSource } from '../datasets/series-source';
import { experimentNameFromFile, requireExperimentName } from '../validation/experiment-name';
import type { EvaluationRequest, EvaluationResult, EvaluationRow, EvaluationWindow } from './evaluation-request';
import { writeWindowMetricsCsv } from './window-metrics-csv';

/**
 * Rolling-origin cross-validation (NeuralForecast's `cross_validation`) of each
 * model × horizon, on a CSV or an in-memory frame: the mean metrics per model ×
 * horizon, the metrics of every window, and a `cv` run per model × horizon.
 * Every name and number is checked before any model is fitted.
 *
 * @example
 * const result = await container.get(EvaluationService).evaluate({ data: 'air.csv', models: ['naive'], horizons: [12], windows: 3 });
 * result.rows[0].metrics.mae
 */
@injectable()
export class EvaluationService {
  constructor(
    @inject(SeriesSource) private readonly source: SeriesSource,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(CrossValidator) private readonly validator: CrossValidator,
    @inject(RunRecorder) private readonly recorder: RunRecorder,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async evaluate(request: EvaluationRequest): Promise<EvaluationResult> {
    const experiment = this.validate(request);
    const { frame, dataset } = await this.source.load(request.data);
    const rows: EvaluationRow[] = [];
    const windows: EvaluationWindow[] = [];
    for (const h of request.horizons) {
      for (const name of request.models) {
        const evaluated = await this.evaluateOne({ name, h, frame, dataset, experiment }, request);
        rows.push(evaluated.row);
        windows.push(...evaluated.windows);
      }
    }
    if (request.output !== undefined) await writeWindowMetricsCsv(resolve(request.output), windows);
    return { experiment, rows, windows, output: request.output };
  }

  /** Cross-validates one model × horizon as a `cv` run: mean metrics on the run, each window's as its metric rows. */
  private async evaluateOne(job: EvaluationJob, request: EvaluationRequest): Promise<{ row: EvaluationRow; windows: EvaluationWindow[] }> {
    const definition = this.registry.get(job.name);
    // Overrides (`maxSteps`, `inputSize`) go to the models that have them, as in `train`.
    const hyperparameters = pickOverrides(definition.defaults(job.h, job.frame.seasonLength), request.overrides ?? {});
    const options = { h: job.h, nWindows: request.windows ?? 3, stepSize: request.stepSize ?? job.h, refit: request.refit ?? true };
    const run = await this.recorder.start({
      kind: 'cv',
      experiment: job.experiment,
      model: definition.name,
      horizon: job.h,
      parameters: { ...hyperparameters, windows: options.nWindows, stepSize: options.stepSize, refit: options.refit },
      dataset: job.dataset,
    });
    try {
      const result = await this.validator.run(definition.name, job.frame, { ...options, hyperparameters });
      const windows = result.windows.map((w) => ({
        model: definition.name,
        horizon: job.h,
        window: w.index,
        firstCutoff: w.cutoff[0]!,
        metrics: w.evaluation.panel,
      }));
      await this.recorder.complete(run, {
        metrics: finite(result.overall),
        windows: windows.map((w) => ({ window: w.window, metrics: finite(w.metrics) })),
      });
      this.logger.info('cross-validation done', {
        model: definition.name,
        h: job.h,
        windows: windows.length,
        mae: result.overall.mae,
        run: run.id,
      });
      return {
        row: {
          model: definition.name,
          horizon: job.h,
          windows: windows.length,
          refit: result.refit,
          metrics: result.overall,
          runId: run.id,
        },
        windows,
      };
    } catch (error) {
      await this.recorder.fail(run, error);
      throw error;
    }
  }

  /** Names and numbers first: a typo must fail before minutes of fitting. Returns the experiment name. */
  private validate(request: EvaluationRequest): string {
    if (request.models.length === 0) throw new UsageError(`'models' must list at least one model, got none`);
    for (const name of request.models) this.registry.get(name);
    if (request.horizons.length === 0) throw new UsageError(`'horizons' must list at least one horizon, got none`);
    for (const h of request.horizons) requirePositiveInteger('horizons', h);
    if (request.windows !== undefined) requirePositiveInteger('windows', request.windows);
    if (request.stepSize !== undefined) requirePositiveInteger('stepSize', request.stepSize);
    const experiment =
      request.experiment ??
      (typeof request.data === 'string' ? experimentNameFromFile(basename(request.data, extname(request.data))) : 'evaluation');
    requireExperimentName(experiment);
    return experiment;
  }
}

/** One model × horizon of a request, with what every run of it shares. */
interface EvaluationJob {
  readonly name: string;
  readonly h: number;
  readonly frame: SeriesFrame;
  readonly dataset?: RunDataset;
  readonly experiment: string;
}

/** The finite scores: a NaN metric (MASE of a constant series) is reported, never stored. */
function finite(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v)));
}

function requirePositiveInteger(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`'${field}' must be a positive integer, got ${value}`);
}
