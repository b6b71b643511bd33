import { broadcastShapes, formatShape } from '../ir/dim';
import { broadcastMap } from '../reference/nd-array';
import { fail, type OpDef } from './op-def';
import { sumTo } from './sum-to';

/** Broadcasts `x` to the shape of `like` (ONNX Expand with Shape(like)). VJP: sum back. */
export const broadcastLike: OpDef<'broadcastLike'> = {
  kind: 'broadcastLike',
  title: 'Expand',
  arity: 2,
  infer: ([x, like]) => {
    const r = broadcastShapes(x.shape, like.shape);
    if (typeof r === 'string' || formatShape(r) !== formatShape(like.shape))
      fail(`${formatShape(x.shape)} does not broadcast to ${formatShape(like.shape)}`);
    return { shape: like.shape, dtype: x.dtype };
  },
  vjp: ({ g, inputs: [x], grad }) => [sumTo(g, grad, x.shape), undefined],
  lower: ({ emit, inputs: [x, like], output }) => void emit.node('Expand', [x, emit.node('Shape', [like])], {}, output),
  reference: ([x], _attrs, out) => broadcastMap([x], out, (v) => v),
};
