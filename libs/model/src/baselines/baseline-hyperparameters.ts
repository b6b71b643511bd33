import { UsageError } from '@tsforecast/config';

/** @internal */
export function requireInteger(field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`'${field}' must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

/**
 * `overrides` merged over `defaults`, rejecting names the model does not have.
 * @internal
 */
export function mergeHyperparameters<H extends Record<string, unknown>>(model: string, defaults: H, overrides: Partial<H> | undefined): H {
  for (const key of Object.keys(overrides ?? {})) {
    if (!(key in defaults)) {
      const known = Object.keys(defaults);
      throw new UsageError(
        `unknown hyperparameter '${key}' for ${model}; ${known.length > 0 ? `valid: ${known.join(', ')}` : 'it has none'}`,
      );
    }
  }
  return { ...defaults, ...overrides };
}
