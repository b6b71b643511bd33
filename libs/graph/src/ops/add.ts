import { binaryOp } from './elementwise';
import { sumTo } from './sum-to';

/** a + b. d(a + b) = da + db; broadcast cotangents are summed back. */
export const add = binaryOp({
  kind: 'add',
  onnx: 'Add',
  f: (a, b) => a + b,
  vjp: ({ g, inputs: [a, b], grad }) => [sumTo(g, grad, a.shape), sumTo(g, grad, b.shape)],
});
