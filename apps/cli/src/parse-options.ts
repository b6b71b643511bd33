import { UsageError } from '@tsforecast/config';

/** `"12,24"` → [12, 24]; anything but positive integers is a usage error naming the flag. */
export function parsePositiveIntegers(flag: string, text: string): number[] {
  const values = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (values.length === 0) throw new UsageError(`'${flag}' must list at least one positive integer, got "${text}"`);
  return values.map((v) => parsePositiveInteger(flag, v));
}

export function parsePositiveInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`'${flag}' must be a positive integer, got "${text}"`);
  }
  return n;
}

export function parseNames(flag: string, text: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError(`'${flag}' must list at least one name, got "${text}"`);
  return names;
}

/** One of `options`; anything else is a usage error naming the flag and the options. */
export function parseChoice<const T extends string>(flag: string, text: string, options: readonly T[]): T {
  if (!(options as readonly string[]).includes(text)) throw new UsageError(`'${flag}' must be one of ${options.join(', ')}, got "${text}"`);
  return text as T;
}

/** A finite number > 0 (seconds, rates). */
export function parsePositiveNumber(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`'${flag}' must be a number > 0, got "${text}"`);
  return n;
}
