import { formatShape } from '../ir/dim';
import { nd } from '../reference/nd-array';
import { fail, type OpDef } from './op-def';

/**
 * `zeros(like)` with `updates: [...indices, ...]` added at rows `indices`
 * (ONNX ScatterND, reduction 'add'). Linear in `updates`: its VJP is a gather.
 */
export const scatterAdd: OpDef<'scatterAdd'> = {
  kind: 'scatterAdd',
  title: 'ScatterAdd',
  arity: 3,
  infer: ([updates, indices, like]) => {
    if (indices.dtype !== 'int64') fail(`indices must be int64, got ${indices.dtype}`);
    const expected = [...indices.shape, ...like.shape.slice(1)];
    if (formatShape(updates.shape) !== formatShape(expected))
      fail(
        `updates ${formatShape(updates.shape)} should be ${formatShape(expected)} for indices ${formatShape(indices.shape)} into ${formatShape(like.shape)}`,
      );
    return { shape: like.shape, dtype: 'float32' };
  },
  vjp: ({ g, inputs: [, indices], grad }) => [g.gather(grad, indices), undefined, undefined],
  lower: ({ emit, inputs: [updates, indices, like], output }) => {
    const zeros = emit.node('ConstantOfShape', [emit.node('Shape', [like])], {
      value: { t: { name: 'zero', dims: [1], data: new Float32Array([0]) } },
    });
    const idx = emit.node('Unsqueeze', [indices, emit.int64([-1])]);
    emit.node('ScatterND', [zeros, idx, updates], { reduction: { s: 'add' } }, output);
  },
  reference: ([updates, indices], _attrs, out) => {
    const y = nd(out);
    const row = y.data.length / out[0];
    indices.data.forEach((ix, i) => {
      for (let k = 0; k < row; k++) y.data[ix * row + k] += updates.data[i * row + k];
    });
    return y;
  },
};
