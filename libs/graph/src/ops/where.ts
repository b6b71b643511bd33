import { broadcastMap } from '../reference/nd-array';
import { inferBroadcast } from './elementwise';
import type { OpDef } from './op-def';
import { sumTo } from './sum-to';

/** `cond ≠ 0 ? a : b`. d = where(cond, g, 0) for a, where(cond, 0, g) for b; none for the mask. */
export const where: OpDef<'where'> = {
  kind: 'where',
  title: 'Where',
  arity: 3,
  infer: inferBroadcast,
  vjp: ({ g, inputs: [cond, a, b], grad, needs }) => [
    undefined,
    needs[1] ? sumTo(g, g.where(cond, grad, 0), a.shape) : undefined,
    needs[2] ? sumTo(g, g.where(cond, 0, grad), b.shape) : undefined,
  ],
  lower: ({ emit, inputs: [cond, a, b], output }) => {
    const mask = emit.node('Cast', [cond], { to: { i: 9 } });
    emit.node('Where', [mask, a, b], {}, output);
  },
  reference: (inputs, _attrs, out) => broadcastMap(inputs, out, (c, a, b) => (c !== 0 ? a : b)),
};
