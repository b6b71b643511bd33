import { formatShape } from '../ir/dim';
import { transposeNd } from '../reference/nd-array';
import { fail, type OpDef } from './op-def';

/** Axis permutation. The VJP applies the inverse permutation. */
export const transpose: OpDef<'transpose'> = {
  kind: 'transpose',
  title: 'Transpose',
  arity: 1,
  infer: ([x], { perm }) => {
    const ok = perm.length === x.shape.length && [...perm].sort((a, b) => a - b).every((p, i) => p === i);
    if (!ok) fail(`perm [${perm.join(', ')}] is not a permutation of the axes of ${formatShape(x.shape)}`);
    return { shape: perm.map((p) => x.shape[p]), dtype: x.dtype };
  },
  vjp: ({ g, grad, attrs: { perm } }) => {
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return [g.transpose(grad, inverse)];
  },
  lower: ({ emit, inputs, output, attrs }) => void emit.node('Transpose', inputs, { perm: { ints: attrs.perm } }, output),
  reference: ([x], { perm }) => transposeNd(x, perm),
};
