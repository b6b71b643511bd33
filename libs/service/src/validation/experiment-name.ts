import { UsageError } from '@tsforecast/config';

/** Letters, digits, `.`, `_`, `-`; starts with a letter or digit; at most 100 characters. */
const experimentNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * An experiment name is also a folder name under `OUTPUT_DIR`, so it must be
 * one path segment of a safe charset: never `..`, `/`, `\`, NUL or a leading dot.
 *
 * @example
 * requireExperimentName('sales-2024'); // ok
 * requireExperimentName('../../tmp/x'); // UsageError
 */
export function requireExperimentName(name: string): void {
  if (!experimentNamePattern.test(name) || name.includes('..')) {
    throw new UsageError(
      `'experiment' must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit and without '..', got ${JSON.stringify(name)}`,
    );
  }
}

/**
 * A default experiment name from a file name (`my sales.csv` → `my_sales`):
 * characters outside the safe set become `_`.
 */
export function experimentNameFromFile(baseName: string): string {
  const safe = baseName
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 100);
  return safe === '' ? 'experiment' : safe;
}
