import { formatShape, type Dim } from '../ir/dim';
import { forEachIndex, nd, stridesOf } from '../reference/nd-array';
import { fail, type OpDef } from './op-def';

/** Constant padding, `pads[i] = [before, after]` for axis i. VJP: slice the padding off. */
export const pad: OpDef<'pad'> = {
  kind: 'pad',
  title: 'Pad',
  arity: 1,
  infer: ([x], { pads }) => {
    if (pads.length > x.shape.length) fail(`${pads.length} pad pairs for rank ${x.shape.length} input ${formatShape(x.shape)}`);
    const shape: Dim[] = x.shape.map((d, i) => {
      const [b, a] = pads[i] ?? [0, 0];
      if (!Number.isInteger(b) || !Number.isInteger(a) || b < 0 || a < 0) fail(`pads must be integers >= 0, got [${b}, ${a}] on axis ${i}`);
      if (b + a === 0) return d;
      if (typeof d !== 'number') fail(`cannot pad symbolic axis ${i} of ${formatShape(x.shape)}`);
      return d + b + a;
    });
    return { shape, dtype: x.dtype };
  },
  vjp: ({ g, grad, attrs: { pads } }) => {
    let out = grad;
    pads.forEach(([b, a], i) => {
      if (b + a > 0) out = g.slice(out, i, b, (grad.shape[i] as number) - a);
    });
    return [out];
  },
  lower: ({ emit, inputs, output, attrs, inputMeta }) => {
    const rank = inputMeta[0].shape.length;
    const all = Array.from({ length: rank }, (_, i) => attrs.pads[i] ?? [0, 0]);
    const padsTensor = emit.int64([...all.map((p) => p[0]), ...all.map((p) => p[1])]);
    emit.node('Pad', [inputs[0], padsTensor, emit.float([attrs.value])], { mode: { s: 'constant' } }, output);
  },
  reference: ([x], { pads, value }, out) => {
    const y = nd(out);
    y.data.fill(value);
    const ys = stridesOf(out);
    forEachIndex(x.shape, (flat, idx) => {
      let o = 0;
      for (let i = 0; i < idx.length; i++) o += (idx[i] + (pads[i]?.[0] ?? 0)) * ys[i];
      y.data[o] = x.data[flat];
    });
    return y;
  },
};
