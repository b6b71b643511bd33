import { randomInt } from 'node:crypto';
import { UsageError } from '@tsforecast/config';

/**
 * The seed a sampler uses: the given one, or a fresh one from the OS when none
 * is given (stored with the study, so a resumed study keeps it).
 */
export function resolveSeed(seed: number | undefined): number {
  if (seed === undefined) return randomInt(0, 2 ** 31);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new UsageError(`'seed' must be an integer in [0, 2^32), got ${seed}`);
  return seed;
}
