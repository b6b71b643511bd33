import { nd } from '../reference/nd-array';
import { normaliseAxes } from './axes';
import type { OpDef } from './op-def';

/** Number of elements over `axes` as a float32 scalar; known only at run time for symbolic dims. */
export const sizeOf: OpDef<'sizeOf'> = {
  kind: 'sizeOf',
  title: 'Size',
  arity: 1,
  infer: ([x], { axes }) => (normaliseAxes(axes, x.shape.length), { shape: [], dtype: 'float32' }),
  vjp: () => [undefined],
  lower: ({ emit, inputs, output, attrs, inputMeta }) => {
    const dims = emit.node('Gather', [emit.node('Shape', inputs), emit.int64(normaliseAxes(attrs.axes, inputMeta[0].shape.length))], {
      axis: { i: 0 },
    });
    emit.node('Cast', [emit.node('ReduceProd', [dims], { keepdims: { i: 0 } })], { to: { i: 1 } }, output);
  },
  reference: ([x], { axes }) => nd([], [normaliseAxes(axes, x.shape.length).reduce((p, a) => p * x.shape[a], 1)]),
};
