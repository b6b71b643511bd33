import { formatShape } from '../ir/dim';
import { nd } from '../reference/nd-array';
import { fail, type OpDef } from './op-def';

/**
 * Rows of `table: [V, ...]` at `indices: int64 [...]` → `[...indices, ...]`
 * (Gather on axis 0; Embedding). VJP: scatter-add the cotangent into the rows.
 */
export const gather: OpDef<'gather'> = {
  kind: 'gather',
  title: 'Gather',
  arity: 2,
  infer: ([table, indices]) => {
    if (table.dtype !== 'float32' || table.shape.length < 1)
      fail(`table must be float32 with rank >= 1, got ${table.dtype} ${formatShape(table.shape)}`);
    if (indices.dtype !== 'int64') fail(`indices must be int64, got ${indices.dtype} ${formatShape(indices.shape)}`);
    return { shape: [...indices.shape, ...table.shape.slice(1)], dtype: 'float32' };
  },
  vjp: ({ g, inputs: [table, indices], grad }) => [g.scatterAdd(grad, indices, table), undefined],
  lower: ({ emit, inputs, output }) => void emit.node('Gather', inputs, { axis: { i: 0 } }, output),
  reference: ([table, indices], _attrs, out) => {
    const row = table.data.length / table.shape[0];
    const y = nd(out);
    indices.data.forEach((ix, i) => {
      if (!Number.isInteger(ix) || ix < 0 || ix >= table.shape[0])
        throw new RangeError(`gather: index ${ix} out of range [0, ${table.shape[0]})`);
      y.data.set(table.data.subarray(ix * row, (ix + 1) * row), i * row);
    });
    return y;
  },
};
