import { UsageError } from '@tsforecast/config';

/** @internal */
export function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`'${name}' must be an integer >= 1, got ${value}`);
}
