import { reduceNd } from '../reference/nd-array';
import { normaliseAxes } from './axes';
import type { OpDef } from './op-def';
import { reduceWithAxesAttribute } from './reduce-lowering';
import { inferReduce, withKeptDims } from './reduce-shape';

/**
 * Max over axes. The gradient goes to the maximal entries, shared evenly among
 * ties (as `torch.amax`): dx = [x = y] / count · dy.
 */
export const reduceMax: OpDef<'reduceMax'> = {
  kind: 'reduceMax',
  title: 'ReduceMax',
  arity: 1,
  infer: inferReduce,
  vjp: ({ g, inputs: [x], output: y, grad, attrs }) => {
    const axes = normaliseAxes(attrs.axes, x.shape.length);
    const isMax = g.compare(x, 'eq', withKeptDims(g, y, x, attrs));
    const count = g.reduceSum(isMax, axes, true);
    return [g.mul(g.div(isMax, count), withKeptDims(g, grad, x, attrs))];
  },
  lower: reduceWithAxesAttribute('ReduceMax'),
  reference: ([x], attrs) => reduceNd(x, normaliseAxes(attrs.axes, x.shape.length), attrs.keepDims, -Infinity, (a, v) => Math.max(a, v)),
};
