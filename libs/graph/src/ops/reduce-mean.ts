import { reduceNd } from '../reference/nd-array';
import { normaliseAxes } from './axes';
import type { OpDef } from './op-def';
import { reduceWithAxesAttribute } from './reduce-lowering';
import { inferReduce, withKeptDims } from './reduce-shape';

/** Mean over axes. d(mean x) = broadcast(dy) / n, with n from the (possibly symbolic) dims. */
export const reduceMean: OpDef<'reduceMean'> = {
  kind: 'reduceMean',
  title: 'ReduceMean',
  arity: 1,
  infer: inferReduce,
  vjp: ({ g, inputs: [x], grad, attrs }) => {
    const axes = normaliseAxes(attrs.axes, x.shape.length);
    const dims = axes.map((a) => x.shape[a]);
    const spread = g.broadcastLike(withKeptDims(g, grad, x, attrs), x);
    const n = dims.every((d) => typeof d === 'number') ? (dims as number[]).reduce((a, b) => a * b, 1) : undefined;
    return [n !== undefined ? g.mul(spread, 1 / n) : g.div(spread, g.sizeOf(x, axes))];
  },
  lower: reduceWithAxesAttribute('ReduceMean'),
  reference: ([x], attrs) =>
    reduceNd(
      x,
      normaliseAxes(attrs.axes, x.shape.length),
      attrs.keepDims,
      0,
      (a, v) => a + v,
      (a, n) => a / n,
    ),
};
