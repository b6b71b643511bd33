import { factorDim, formatShape, productOf, type Dim } from '../ir/dim';
import { nd } from '../reference/nd-array';
import { fail, type OpDef } from './op-def';

/**
 * Reshape. Symbolic dims are checked symbolically: `[B, 4, 12]` → `[B, 48]` is
 * fine, `[B, 48]` → `[B, 40]` is an error at build time. The VJP reshapes back.
 * Lowered with static sizes, `0` for a symbolic dim kept in place and `-1` for
 * at most one other symbolic dim.
 */
export const reshape: OpDef<'reshape'> = {
  kind: 'reshape',
  title: 'Reshape',
  arity: 1,
  infer: ([x], { shape }) => {
    const a = factorDim(productOf(x.shape));
    const b = factorDim(productOf(shape));
    if (a.size !== b.size || a.symbols.join('*') !== b.symbols.join('*')) {
      fail(
        `cannot reshape ${formatShape(x.shape)} (${productOf(x.shape)} elements) to ${formatShape(shape)} (${productOf(shape)} elements)`,
      );
    }
    reshapeTarget(x.shape, shape);
    return { shape: [...shape], dtype: x.dtype };
  },
  vjp: ({ g, inputs: [x], grad }) => [g.reshape(grad, x.shape)],
  lower: ({ emit, inputs, output, inputMeta, outputMeta }) =>
    void emit.node('Reshape', [inputs[0], emit.int64(reshapeTarget(inputMeta[0].shape, outputMeta.shape))], {}, output),
  reference: ([x], _attrs, out) => nd(out, x.data),
};

/** The ONNX shape tensor for a reshape; fails when more than one dim must be inferred at run time. */
export function reshapeTarget(from: readonly Dim[], to: readonly Dim[]): number[] {
  let inferred = 0;
  return to.map((d, i) => {
    if (typeof d === 'number') return d;
    if (from[i] === d) return 0;
    if (++inferred > 1) fail(`cannot reshape ${formatShape(from)} to ${formatShape(to)}: more than one symbolic dim changes position`);
    return -1;
  });
}
