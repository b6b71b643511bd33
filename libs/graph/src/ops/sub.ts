import { binaryOp } from './elementwise';
import { sumTo } from './sum-to';

/** a − b. d(a − b) = da − db. */
export const sub = binaryOp({
  kind: 'sub',
  onnx: 'Sub',
  f: (a, b) => a - b,
  vjp: ({ g, inputs: [a, b], grad, needs }) => [sumTo(g, grad, a.shape), needs[1] ? sumTo(g, g.neg(grad), b.shape) : undefined],
});
