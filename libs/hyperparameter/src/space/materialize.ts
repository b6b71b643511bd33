import { NotFoundError } from '@tsforecast/config';
import type { Distribution } from './distribution';
import type { FlatSpace } from './flat-space';
import { isExpr, type Sampled } from './expressions';

/** Picks the internal value of one active parameter. */
export type ParamPicker = (name: string, distribution: Distribution) => number;

/**
 * Walks `space` in order, asking `pick` for each *active* parameter (a choice is
 * decided before the parameters of its options), and builds the typed config.
 * Returns the config and the internal values of the active parameters.
 */
export function materialize<S>(space: S, flat: FlatSpace, pick: ParamPicker): { config: Sampled<S>; params: Record<string, number> } {
  const params: Record<string, number> = {};
  const walk = (node: unknown): unknown => {
    if (isExpr(node)) {
      const spec = flat.byName.get(node.label)!;
      const value = pick(node.label, spec.distribution);
      params[node.label] = value;
      return node.$hp === 'choice' ? walk(node.options[value]) : value;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) out[key] = walk(value);
      return out;
    }
    return node;
  };
  const config = walk(space) as Sampled<S>;
  return { config, params };
}

/** Rebuilds the config of a stored trial from its internal parameter values. */
export function configFromParams<S>(space: S, flat: FlatSpace, params: Readonly<Record<string, number>>): Sampled<S> {
  return materialize(space, flat, (name) => {
    const value = params[name];
    if (value === undefined) throw new NotFoundError(`parameter '${name}' is missing from the trial's stored params`, { exitCode: 1 });
    return value;
  }).config;
}
