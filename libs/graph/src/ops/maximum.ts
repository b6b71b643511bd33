import { binaryOp } from './elementwise';
import { sumTo } from './sum-to';

/** max(a, b). Gradient to the larger input; ties split it in half (PyTorch `maximum`). */
export const maximum = binaryOp({
  kind: 'maximum',
  onnx: 'Max',
  f: (a, b) => Math.max(a, b),
  vjp: ({ g, inputs: [a, b], grad }) => {
    // m = [a > b] + ½[a = b];  da = m·g, db = (1 − m)·g
    const m = g.add(g.compare(a, 'gt', b), g.mul(g.compare(a, 'eq', b), 0.5));
    return [sumTo(g, g.mul(grad, m), a.shape), sumTo(g, g.mul(grad, g.sub(1, m)), b.shape)];
  },
});
