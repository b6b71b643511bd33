import { binaryOp } from './elementwise';
import { sumTo } from './sum-to';

/** aᵇ. d(aᵇ) = b aᵇ⁻¹ da + aᵇ ln(a) db. */
export const pow = binaryOp({
  kind: 'pow',
  onnx: 'Pow',
  f: (a, b) => Math.pow(a, b),
  vjp: ({ g, inputs: [a, b], output: y, grad, needs }) => [
    needs[0] ? sumTo(g, g.mul(grad, g.mul(b, g.pow(a, g.sub(b, 1)))), a.shape) : undefined,
    needs[1] ? sumTo(g, g.mul(grad, g.mul(y, g.log(a))), b.shape) : undefined,
  ],
});
