import { binaryOp } from './elementwise';
import { sumTo } from './sum-to';

/** a / b. d(a/b) = da / b − (a/b²) db = (da − y db) / b. */
export const div = binaryOp({
  kind: 'div',
  onnx: 'Div',
  f: (a, b) => a / b,
  vjp: ({ g, inputs: [a, b], output: y, grad, needs }) => {
    const gOverB = g.div(grad, b);
    return [needs[0] ? sumTo(g, gOverB, a.shape) : undefined, needs[1] ? sumTo(g, g.neg(g.mul(gOverB, y)), b.shape) : undefined];
  },
});
