import { basename, extname, resolve } from 'node:path';
import { inject, injectable } from 'inversify';
import { UsageError } from '@tsforecast/config';
import { ModelRegistry } from '@tsforecast/model';
import { SeriesSource } from '../datasets/series-source';
import { experimentNameFromFile, requireExperimentName } from '../validation/experiment-name';
import type { EvaluationRequest, EvaluationResult, EvaluationRow, EvaluationWindow } from './evaluation-request';
import { CrossValidationRunner } from './cross-validation-runner';
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
    @inject(CrossValidationRunner) private readonly runner: CrossValidationRunner,
  ) {}

  async evaluate(request: EvaluationRequest): Promise<EvaluationResult> {
    const experiment = this.validate(request);
    const { frame, dataset } = await this.source.load(request.data);
    const rows: EvaluationRow[] = [];
    const windows: EvaluationWindow[] = [];
    for (const h of request.horizons) {
      for (const name of request.models) {
        const definition = this.registry.get(name);
        const evaluated = await this.runner.run({ definition, h, frame, dataset, experiment }, request);
        rows.push(evaluated.row);
        windows.push(...evaluated.windows);
      }
    }
    if (request.output !== undefined) await writeWindowMetricsCsv(resolve(request.output), windows);
    return { experiment, rows, windows, output: request.output };
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

function requirePositiveInteger(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`'${field}' must be a positive integer, got ${value}`);
}
