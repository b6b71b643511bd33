import { inject, injectable } from 'inversify';
import { Logger } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import { ModelRegistry } from '@tsforecast/model';
import { crossValidation, type CrossValidationResult, type CrossValidationRunOptions } from './cross-validation';

/** Cross-validates registered models by name (the service layer's entry point). */
export const CrossValidator = Symbol('CrossValidator');
export interface CrossValidator {
  /** Runs {@link crossValidation} for the model registered as `model`, with `hyperparameters` over its defaults. */
  run(
    model: string,
    frame: SeriesFrame,
    options: CrossValidationRunOptions & { hyperparameters?: Record<string, unknown> },
  ): Promise<CrossValidationResult>;
}

/**
 * {@link CrossValidator} over the {@link ModelRegistry}: the one lookup of a
 * model by name (any letter case), so `evaluate --models naive` finds `Naive`
 * exactly as `train` does; an unknown name is the registry's UsageError.
 */
@injectable()
export class DefinitionCrossValidator implements CrossValidator {
  constructor(
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async run(
    model: string,
    frame: SeriesFrame,
    options: CrossValidationRunOptions & { hyperparameters?: Record<string, unknown> },
  ): Promise<CrossValidationResult> {
    const definition = this.registry.get(model);
    return crossValidation({ definition, hyperparameters: options.hyperparameters }, frame, {
      context: { logger: this.logger },
      ...options,
    });
  }
}
