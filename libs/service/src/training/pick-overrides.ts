/**
 * Keeps the overrides a model actually has: `maxSteps` (`--max-steps`) applies to neural
 * models and is silently irrelevant to SeasonalNaive. Values are coerced to the
 * type of the default (CLI flags arrive as numbers or strings).
 */
export function pickOverrides(defaults: object, overrides: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined && Object.prototype.hasOwnProperty.call(defaults, key)) picked[key] = value;
  }
  return picked;
}
