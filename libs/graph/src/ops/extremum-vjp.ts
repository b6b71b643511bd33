import type { VjpRule } from './op-def';
import { sumTo } from './sum-to';

/**
 * VJP of an elementwise max (`wins = 'gt'`) or min (`'lt'`): the gradient goes
 * to the input that wins, ties split it in half (PyTorch `maximum`/`minimum`).
 *   m = [a wins over b] + ½[a = b];  da = m·g, db = (1 − m)·g
 */
export function extremumVjp(wins: 'gt' | 'lt'): VjpRule<'maximum' | 'minimum'> {
  return ({ g, inputs: [a, b], grad }) => {
    const m = g.add(g.compare(a, wins, b), g.mul(g.compare(a, 'eq', b), 0.5));
    return [sumTo(g, g.mul(grad, m), a.shape), sumTo(g, g.mul(grad, g.sub(1, m)), b.shape)];
  };
}
