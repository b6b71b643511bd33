import { UsageError } from '@tsforecast/config';

/** `"12,24"` → [12, 24]; anything but positive integers is a usage error naming the flag. */
export function parsePositiveIntegers(flag: string, text: string): number[] {
  const values = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
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
  const names = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError(`'${flag}' must list at least one name, got "${text}"`);
  return names;
}
