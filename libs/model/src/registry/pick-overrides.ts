/**
 * The overrides a model actually has: flags shared by every model of a command
 * (`--max-steps` → `maxSteps`, `--input-size` → `inputSize`) apply to the
 * neural models and are irrelevant to SeasonalNaive. Undefined values are dropped.
 *
 * @example
 * pickOverrides(definition.defaults(12, 12), { maxSteps: 500 }); // {} for a baseline
 */
export function pickOverrides(defaults: object, overrides: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined && Object.prototype.hasOwnProperty.call(defaults, key)) picked[key] = value;
  }
  return picked;
}
