import { broadcastMap, reduceNd } from '../reference/nd-array';
import { axisOf } from './axes';
import { requireFloat } from './elementwise';
import type { OpDef } from './op-def';

/** softmax along one axis. dx = y ⊙ (dy − Σ(dy ⊙ y)) along the axis. */
export const softmax: OpDef<'softmax'> = {
  kind: 'softmax',
  title: 'Softmax',
  arity: 1,
  infer: ([x], { axis }) => (requireFloat([x]), axisOf(axis, x.shape.length), { shape: x.shape, dtype: 'float32' }),
  vjp: ({ g, output: y, grad, attrs }) => {
    const ax = axisOf(attrs.axis, y.shape.length);
    return [g.mul(y, g.sub(grad, g.reduceSum(g.mul(grad, y), [ax], true)))];
  },
  lower: ({ emit, inputs, output, attrs, inputMeta }) =>
    void emit.node('Softmax', inputs, { axis: { i: axisOf(attrs.axis, inputMeta[0].shape.length) } }, output),
  reference: ([x], { axis }, out) => {
    const ax = axisOf(axis, x.shape.length);
    const m = reduceNd(x, [ax], true, -Infinity, (a, v) => Math.max(a, v));
    const e = broadcastMap([x, m], out, (v, mv) => Math.exp(v - mv));
    const s = reduceNd(e, [ax], true, 0, (a, v) => a + v);
    return broadcastMap([e, s], out, (v, sv) => v / sv);
  },
};
