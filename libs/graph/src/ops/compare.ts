import type { Comparison } from '../ir/op-kind';
import { broadcastMap } from '../reference/nd-array';
import { inferBroadcast } from './elementwise';
import type { OpDef } from './op-def';

const onnxOp: Record<Comparison, string> = { gt: 'Greater', ge: 'GreaterOrEqual', lt: 'Less', le: 'LessOrEqual', eq: 'Equal' };
const test: Record<Comparison, (a: number, b: number) => boolean> = {
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  eq: (a, b) => a === b,
};

/** Float 0/1 mask of `a <cmp> b`; piecewise constant, no gradient. Lowered as Greater/… then Cast to float. */
export const compare: OpDef<'compare'> = {
  kind: 'compare',
  title: 'Compare',
  arity: 2,
  infer: inferBroadcast,
  vjp: () => [undefined, undefined],
  lower: ({ emit, inputs, output, attrs }) => {
    const mask = emit.node(onnxOp[attrs.cmp], inputs);
    emit.node('Cast', [mask], { to: { i: 1 } }, output);
  },
  reference: (inputs, { cmp }, out) => broadcastMap(inputs, out, (a, b) => (test[cmp](a, b) ? 1 : 0)),
};
