import { forEachIndex, nd, stridesOf } from '../reference/nd-array';
import { axisOf, sliceBounds, staticDim } from './axes';
import { fail, type OpDef } from './op-def';

/** `x[..., start:end, ...]` along one axis (step 1). VJP: zero-pad back to the input size. */
export const slice: OpDef<'slice'> = {
  kind: 'slice',
  title: 'Slice',
  arity: 1,
  infer: ([x], { axis, start, end }) => {
    const ax = axisOf(axis, x.shape.length);
    const dim = staticDim(x.shape, ax, 'slice');
    const [s, e] = sliceBounds(start, end, dim);
    if (e <= s) fail(`empty slice [${start}:${end}] of axis ${ax} (size ${dim})`);
    return { shape: x.shape.map((d, i) => (i === ax ? e - s : d)), dtype: x.dtype };
  },
  vjp: ({ g, inputs: [x], grad, attrs }) => {
    const ax = axisOf(attrs.axis, x.shape.length);
    const dim = x.shape[ax] as number;
    const [s, e] = sliceBounds(attrs.start, attrs.end, dim);
    return [
      g.pad(
        grad,
        x.shape.map((_, i) => (i === ax ? ([s, dim - e] as const) : ([0, 0] as const))),
      ),
    ];
  },
  lower: ({ emit, inputs, output, attrs, inputMeta }) => {
    const ax = axisOf(attrs.axis, inputMeta[0].shape.length);
    const [s, e] = sliceBounds(attrs.start, attrs.end, inputMeta[0].shape[ax] as number);
    emit.node('Slice', [inputs[0], emit.int64([s]), emit.int64([e]), emit.int64([ax])], {}, output);
  },
  reference: ([x], attrs, out) => {
    const ax = axisOf(attrs.axis, x.shape.length);
    const [s] = sliceBounds(attrs.start, attrs.end, x.shape[ax]);
    const xs = stridesOf(x.shape);
    const y = nd(out);
    forEachIndex(out, (flat, idx) => {
      let o = 0;
      for (let i = 0; i < idx.length; i++) o += (i === ax ? idx[i] + s : idx[i]) * xs[i];
      y.data[flat] = x.data[o];
    });
    return y;
  },
};
