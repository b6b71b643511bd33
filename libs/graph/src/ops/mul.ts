import { binaryOp } from './elementwise';
import { sumTo } from './sum-to';

/** a · b. d(ab) = b da + a db. */
export const mul = binaryOp({
  kind: 'mul',
  onnx: 'Mul',
  f: (a, b) => a * b,
  vjp: ({ g, inputs: [a, b], grad, needs }) => [
    needs[0] ? sumTo(g, g.mul(grad, b), a.shape) : undefined,
    needs[1] ? sumTo(g, g.mul(grad, a), b.shape) : undefined,
  ],
});
