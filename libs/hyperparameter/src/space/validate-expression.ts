import { UsageError } from '@tsforecast/config';
import type { Expr } from './expressions';

function fail(label: string, message: string): never {
  throw new UsageError(`search space parameter '${label}': ${message}`);
}

function finite(label: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(label, `'${field}' must be a finite number, got ${String(value)}`);
  return value;
}

function ordered(label: string, low: number, high: number): void {
  if (!(low < high)) fail(label, `'low' must be < 'high', got low=${low}, high=${high}`);
}

function positive(label: string, field: string, value: number): void {
  if (!(value > 0)) fail(label, `'${field}' must be > 0, got ${value}`);
}

/**
 * Checks one expression's own fields (not its options' contents) and throws a
 * {@link UsageError} naming the parameter, the field, the value and the rule.
 */
export function assertValidExpression(expr: Expr): void {
  const label = expr.label;
  if (typeof label !== 'string' || label.length === 0) {
    throw new UsageError(
      `search space: every expression needs a non-empty 'label', got ${JSON.stringify(label)} in a '${String(expr.$hp)}'`,
    );
  }
  switch (expr.$hp) {
    case 'choice':
      if (!Array.isArray(expr.options) || expr.options.length === 0)
        fail(label, `'choice' needs at least one option, got ${JSON.stringify(expr.options)}`);
      return;
    case 'uniform':
      ordered(label, finite(label, 'low', expr.low), finite(label, 'high', expr.high));
      return;
    case 'quniform':
      ordered(label, finite(label, 'low', expr.low), finite(label, 'high', expr.high));
      positive(label, 'q', finite(label, 'q', expr.q));
      return;
    case 'loguniform':
    case 'qloguniform':
      ordered(label, finite(label, 'low', expr.low), finite(label, 'high', expr.high));
      if (!(expr.low > 0)) fail(label, `'${expr.$hp}' needs low > 0 (log of a non-positive bound), got low=${expr.low}`);
      if (expr.$hp === 'qloguniform') positive(label, 'q', finite(label, 'q', expr.q));
      return;
    case 'randint':
      ordered(label, finite(label, 'low', expr.low), finite(label, 'high', expr.high));
      if (!Number.isInteger(expr.low) || !Number.isInteger(expr.high))
        fail(label, `'randint' bounds must be integers, got low=${expr.low}, high=${expr.high}`);
      if (expr.log && expr.low < 1) fail(label, `'randint' with log needs low >= 1 (log of a non-positive bound), got low=${expr.low}`);
      return;
    case 'normal':
    case 'lognormal':
      finite(label, 'mu', expr.mu);
      positive(label, 'sigma', finite(label, 'sigma', expr.sigma));
      return;
    case 'qnormal':
    case 'qlognormal':
      finite(label, 'mu', expr.mu);
      positive(label, 'sigma', finite(label, 'sigma', expr.sigma));
      positive(label, 'q', finite(label, 'q', expr.q));
      return;
    default: {
      const unknown: { $hp: string } = expr;
      fail(label, `unknown expression kind '${unknown.$hp}'`);
    }
  }
}
