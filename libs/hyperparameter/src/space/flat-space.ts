import { UsageError } from '@tsforecast/config';
import { distributionOf, type Distribution } from './distribution';
import { isExpr, type Expr } from './expressions';
import { assertValidExpression } from './validate-expression';

/** The branch of a `choice` a parameter lives in: active only when `label` picked `option`. */
export interface BranchCondition {
  readonly label: string;
  readonly option: number;
}

/** One named parameter of a flattened space. */
export interface ParamSpec {
  readonly name: string;
  readonly distribution: Distribution;
  /** Empty for parameters every configuration has. */
  readonly conditions: readonly BranchCondition[];
}

/** A space flattened to named distributions, in walk order (object key order). */
export interface FlatSpace {
  readonly params: readonly ParamSpec[];
  readonly byName: ReadonlyMap<string, ParamSpec>;
}

/**
 * Validates a space and flattens it. Throws a {@link UsageError} naming the
 * parameter for an invalid expression or a label used twice.
 *
 * @example
 * flattenSpace({ m: choice('m', [{ x: uniform('x', 0, 1) }, 'b']) }).params
 * // [{ name: 'm', … }, { name: 'x', conditions: [{ label: 'm', option: 0 }] }]
 */
export function flattenSpace(space: unknown): FlatSpace {
  const params: ParamSpec[] = [];
  const byName = new Map<string, ParamSpec>();
  const add = (expr: Expr, distribution: Distribution, conditions: readonly BranchCondition[]): void => {
    if (byName.has(expr.label))
      throw new UsageError(`search space parameter '${expr.label}': duplicate label, each parameter needs its own label`);
    const spec = { name: expr.label, distribution, conditions };
    params.push(spec);
    byName.set(expr.label, spec);
  };
  const walk = (node: unknown, conditions: readonly BranchCondition[]): void => {
    if (isExpr(node)) {
      assertValidExpression(node);
      if (node.$hp === 'choice') {
        add(node, { kind: 'categorical', size: node.options.length }, conditions);
        node.options.forEach((option, index) => walk(option, [...conditions, { label: node.label, option: index }]));
      } else {
        add(node, distributionOf(node), conditions);
      }
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, conditions);
    } else if (typeof node === 'object' && node !== null) {
      for (const value of Object.values(node)) walk(value, conditions);
    }
  };
  walk(space, []);
  return { params, byName };
}
