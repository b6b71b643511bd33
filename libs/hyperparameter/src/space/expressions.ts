import { assertValidExpression } from './validate-expression';

/**
 * Search-space expressions, hyperopt style. An expression is a plain JSON object
 * tagged with `$hp`, so a whole space (expressions nested in objects, arrays and
 * `choice` options) can be stored as jsonb and read back unchanged.
 *
 * Bounds are in natural units (`loguniform('lr', 1e-5, 1e-1)`, not hyperopt's
 * log units). Stepped values are `low + k·q` (Optuna's grid), `randint` bounds
 * are both inclusive.
 */
export interface UniformExpr {
  readonly $hp: 'uniform';
  readonly label: string;
  readonly low: number;
  readonly high: number;
}
export interface QUniformExpr {
  readonly $hp: 'quniform';
  readonly label: string;
  readonly low: number;
  readonly high: number;
  readonly q: number;
}
export interface LogUniformExpr {
  readonly $hp: 'loguniform';
  readonly label: string;
  readonly low: number;
  readonly high: number;
}
export interface QLogUniformExpr {
  readonly $hp: 'qloguniform';
  readonly label: string;
  readonly low: number;
  readonly high: number;
  readonly q: number;
}
export interface RandIntExpr {
  readonly $hp: 'randint';
  readonly label: string;
  readonly low: number;
  readonly high: number;
  readonly log?: boolean;
}
export interface NormalExpr {
  readonly $hp: 'normal';
  readonly label: string;
  readonly mu: number;
  readonly sigma: number;
}
export interface QNormalExpr {
  readonly $hp: 'qnormal';
  readonly label: string;
  readonly mu: number;
  readonly sigma: number;
  readonly q: number;
}
export interface LogNormalExpr {
  readonly $hp: 'lognormal';
  readonly label: string;
  readonly mu: number;
  readonly sigma: number;
}
export interface QLogNormalExpr {
  readonly $hp: 'qlognormal';
  readonly label: string;
  readonly mu: number;
  readonly sigma: number;
  readonly q: number;
}
/** A choice among options; each option may be a literal or a nested (conditional) sub-space. */
export interface ChoiceExpr<O extends readonly unknown[] = readonly unknown[]> {
  readonly $hp: 'choice';
  readonly label: string;
  readonly options: O;
}

/** Every expression that samples a number. */
export type NumericExpr =
  UniformExpr | QUniformExpr | LogUniformExpr | QLogUniformExpr | RandIntExpr | NormalExpr | QNormalExpr | LogNormalExpr | QLogNormalExpr;

/** Any search-space expression. */
export type Expr = NumericExpr | ChoiceExpr;

/**
 * The type of a configuration sampled from space `S`: numeric expressions become
 * `number`, a `choice` the union of its (sampled) options, objects and arrays map
 * member-wise, literals stay literals.
 *
 * @example
 * const s = { lr: loguniform('lr', 1e-4, 1e-1), act: choice('act', ['relu', 'gelu']) };
 * type C = Sampled<typeof s>; // { lr: number; act: 'relu' | 'gelu' }
 */
export type Sampled<S> = S extends NumericExpr
  ? number
  : S extends ChoiceExpr<infer O>
    ? Sampled<O[number]>
    : S extends readonly unknown[]
      ? { -readonly [K in keyof S]: Sampled<S[K]> }
      : S extends object
        ? { -readonly [K in keyof S]: Sampled<S[K]> }
        : S;

/** True when `value` is a search-space expression (has a `$hp` tag). */
export function isExpr(value: unknown): value is Expr {
  return typeof value === 'object' && value !== null && typeof (value as { $hp?: unknown }).$hp === 'string';
}

function checked<E extends Expr>(expr: E): E {
  assertValidExpression(expr);
  return expr;
}

/** One of `options`; options may carry their own parameters (conditional sub-spaces). */
export function choice<const O extends readonly unknown[]>(label: string, options: O): ChoiceExpr<O> {
  return checked({ $hp: 'choice', label, options });
}
/** A float uniform in [low, high]. */
export function uniform(label: string, low: number, high: number): UniformExpr {
  return checked({ $hp: 'uniform', label, low, high });
}
/** A float in {low, low+q, …} ≤ high, uniform over the grid. */
export function quniform(label: string, low: number, high: number, q: number): QUniformExpr {
  return checked({ $hp: 'quniform', label, low, high, q });
}
/** A float in [low, high] (both > 0) whose log is uniform. */
export function loguniform(label: string, low: number, high: number): LogUniformExpr {
  return checked({ $hp: 'loguniform', label, low, high });
}
/** A float on the grid {low, low+q, …} ≤ high, drawn log-uniformly then rounded. */
export function qloguniform(label: string, low: number, high: number, q: number): QLogUniformExpr {
  return checked({ $hp: 'qloguniform', label, low, high, q });
}
/** An integer in [low, high], both inclusive; `log` samples it log-uniformly (low ≥ 1). */
export function randint(label: string, low: number, high: number, options: { log?: boolean } = {}): RandIntExpr {
  return checked(options.log ? { $hp: 'randint', label, low, high, log: true } : { $hp: 'randint', label, low, high });
}
/** A float ~ N(mu, sigma²) (kept within mu ± 6·sigma). */
export function normal(label: string, mu: number, sigma: number): NormalExpr {
  return checked({ $hp: 'normal', label, mu, sigma });
}
/** round(N(mu, sigma²) / q)·q. */
export function qnormal(label: string, mu: number, sigma: number, q: number): QNormalExpr {
  return checked({ $hp: 'qnormal', label, mu, sigma, q });
}
/** exp(N(mu, sigma²)). */
export function lognormal(label: string, mu: number, sigma: number): LogNormalExpr {
  return checked({ $hp: 'lognormal', label, mu, sigma });
}
/** round(exp(N(mu, sigma²)) / q)·q, at least q. */
export function qlognormal(label: string, mu: number, sigma: number, q: number): QLogNormalExpr {
  return checked({ $hp: 'qlognormal', label, mu, sigma, q });
}
