import { formatShape } from '../ir/dim';
import { forEachIndex, nd, stridesOf } from '../reference/nd-array';
import { axisOf, staticDim } from './axes';
import { requireFloat } from './elementwise';
import { fail, type OpDef } from './op-def';

/** Concatenation along `axis`. The VJP slices the cotangent back into pieces. */
export const concat: OpDef<'concat'> = {
  kind: 'concat',
  title: 'Concat',
  arity: 'variadic',
  infer: (inputs, { axis }) => {
    requireFloat(inputs);
    const rank = inputs[0].shape.length;
    const ax = axisOf(axis, rank);
    let total = 0;
    for (const t of inputs) {
      const same = t.shape.length === rank && t.shape.every((d, i) => i === ax || d === inputs[0].shape[i]);
      if (!same) fail(`shapes differ off the concat axis ${ax}: ${inputs.map((i) => formatShape(i.shape)).join(', ')}`);
      total += staticDim(t.shape, ax, 'concat');
    }
    return { shape: inputs[0].shape.map((d, i) => (i === ax ? total : d)), dtype: 'float32' };
  },
  vjp: ({ g, inputs, grad, attrs, needs }) => {
    const ax = axisOf(attrs.axis, grad.shape.length);
    let offset = 0;
    return inputs.map((t, i) => {
      const size = t.shape[ax] as number;
      const piece = needs[i] ? g.slice(grad, ax, offset, offset + size) : undefined;
      offset += size;
      return piece;
    });
  },
  lower: ({ emit, inputs, output, attrs, outputMeta }) =>
    void emit.node('Concat', inputs, { axis: { i: axisOf(attrs.axis, outputMeta.shape.length) } }, output),
  reference: (inputs, { axis }, out) => {
    const ax = axisOf(axis, out.length);
    const y = nd(out);
    const ys = stridesOf(out);
    let offset = 0;
    for (const t of inputs) {
      forEachIndex(t.shape, (flat, idx) => {
        let o = 0;
        for (let i = 0; i < idx.length; i++) o += (i === ax ? idx[i] + offset : idx[i]) * ys[i];
        y.data[o] = t.data[flat];
      });
      offset += t.shape[ax];
    }
    return y;
  },
};
