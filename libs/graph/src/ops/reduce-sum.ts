import { reduceNd } from '../reference/nd-array';
import { normaliseAxes } from './axes';
import type { OpDef } from './op-def';
import { inferReduce, withKeptDims } from './reduce-shape';

/** Σ over axes. d(Σx) = broadcast(dy) back to the input shape. */
export const reduceSum: OpDef<'reduceSum'> = {
  kind: 'reduceSum',
  title: 'ReduceSum',
  arity: 1,
  infer: inferReduce,
  vjp: ({ g, inputs: [x], grad, attrs }) => [g.broadcastLike(withKeptDims(g, grad, x, attrs), x)],
  lower: ({ emit, inputs, output, attrs, inputMeta }) =>
    void emit.node(
      'ReduceSum',
      [inputs[0], emit.int64(normaliseAxes(attrs.axes, inputMeta[0].shape.length))],
      { keepdims: { i: attrs.keepDims ? 1 : 0 } },
      output,
    ),
  reference: ([x], attrs) => reduceNd(x, normaliseAxes(attrs.axes, x.shape.length), attrs.keepDims, 0, (a, v) => a + v),
};
