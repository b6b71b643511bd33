import { binaryOp } from './elementwise';
import { sumTo } from './sum-to';

/** min(a, b). Gradient to the smaller input; ties split it in half. */
export const minimum = binaryOp({
  kind: 'minimum',
  onnx: 'Min',
  f: (a, b) => Math.min(a, b),
  vjp: ({ g, inputs: [a, b], grad }) => {
    // m = [a < b] + ½[a = b];  da = m·g, db = (1 − m)·g
    const m = g.add(g.compare(a, 'lt', b), g.mul(g.compare(a, 'eq', b), 0.5));
    return [sumTo(g, g.mul(grad, m), a.shape), sumTo(g, g.mul(grad, g.sub(1, m)), b.shape)];
  },
});
