import { inject, injectable } from 'inversify';
import { Logger } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import { pickOverrides, type ModelDefinition } from '@tsforecast/model';
import { CrossValidator } from '@tsforecast/execution';
import { RunRecorder, type RunDataset } from '../recording/run-recorder';
import type { EvaluationRequest, EvaluationRow, EvaluationWindow } from './evaluation-request';

/**
 * Runs one model × horizon of an evaluation: rolling-origin cross-validation
 * ({@link CrossValidator}) recorded as a `cv` run, its mean metrics on the
 * run and each window's as metric rows. A failure fails the run and is
 * thrown.
 */
@injectable()
export class CrossValidationRunner {
  constructor(
    @inject(CrossValidator) private readonly validator: CrossValidator,
    @inject(RunRecorder) private readonly recorder: RunRecorder,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  /** Cross-validates one model × horizon as a `cv` run: mean metrics on the run, each window's as its metric rows. */
  async run(job: CrossValidationJob, request: EvaluationRequest): Promise<{ row: EvaluationRow; windows: EvaluationWindow[] }> {
    const { definition } = job;
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
}

/** One model × horizon of an evaluation, with what every run of it shares. */
export interface CrossValidationJob {
  readonly definition: ModelDefinition;
  readonly h: number;
  readonly frame: SeriesFrame;
  readonly dataset?: RunDataset;
  readonly experiment: string;
}

/** The finite scores: a NaN metric (MASE of a constant series) is reported, never stored. */
function finite(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v)));
}
