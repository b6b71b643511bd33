import { inject, injectable, multiInject, optional } from 'inversify';
import { Logger, NotFoundError } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import { ModelDefinitionToken, type ModelDefinition } from '@tsforecast/model';
import { crossValidation, type CrossValidationResult, type CrossValidationRunOptions } from './cross-validation';

/** Cross-validates registered models by name (the service layer's entry point). */
export const CrossValidator = Symbol('CrossValidator');
export interface CrossValidator {
  /** Runs {@link crossValidation} for the model registered as `model`, with `hyperparameters` over its defaults. */
  run(model: string, frame: SeriesFrame, options: CrossValidationRunOptions & { hyperparameters?: Record<string, unknown> }): Promise<CrossValidationResult>;
}

/** {@link CrossValidator} over the bound {@link ModelDefinition}s. */
@injectable()
export class DefinitionCrossValidator implements CrossValidator {
  constructor(
    @multiInject(ModelDefinitionToken) @optional() private readonly definitions: ModelDefinition[] = [],
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async run(model: string, frame: SeriesFrame, options: CrossValidationRunOptions & { hyperparameters?: Record<string, unknown> }): Promise<CrossValidationResult> {
    const definition = this.definitions.find((d) => d.name === model);
    if (!definition) throw new NotFoundError(`model '${model}' is not registered; registered: ${this.definitions.map((d) => d.name).join(', ') || '(none)'}`);
    return crossValidation({ definition, hyperparameters: options.hyperparameters }, frame, { context: { logger: this.logger }, ...options });
  }
}
