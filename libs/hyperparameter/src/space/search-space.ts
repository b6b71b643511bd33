import type { ChoiceExpr, NumericExpr } from './expressions';

/** `V` with its arrays read-only, at any depth: `choice`'s options are inferred as read-only tuples (`[2, 2, 1]`). */
export type ReadonlyValue<V> = V extends readonly (infer E)[] ? readonly ReadonlyValue<E>[] : V;

/**
 * What one hyperparameter of type `V` may be in a search space: a fixed value,
 * a numeric expression (only where `V` admits any number), or a `choice` whose
 * options are values of `V`.
 */
export type SpaceEntry<V> = ReadonlyValue<V> | (number extends V ? NumericExpr : never) | ChoiceExpr<readonly ReadonlyValue<V>[]>;

/**
 * A search space over hyperparameters `H`: each key of `H` maps to a
 * {@link SpaceEntry}; keys left out keep their defaults. A key that is not a
 * hyperparameter of `H` (a misspelling) or an option of the wrong type is a
 * compile error. The expression's label is the key (the stored trial params are
 * keyed by label).
 *
 * @example
 * const space: SearchSpace<{ hiddenSize: number; activation: 'ReLU' | 'GELU' }> = {
 *   hiddenSize: choice('hiddenSize', [256, 512] as const),
 *   activation: 'ReLU',
 * };
 * // { hiddenSise: … } → error TS2353: Object literal may only specify known properties
 */
export type SearchSpace<H> = { readonly [K in keyof H]?: SpaceEntry<H[K]> };
