import { unaryOp } from './elementwise';

/** σ(x) = 1 / (1 + e⁻ˣ). dσ = y (1 − y) dx. */
export const sigmoid = unaryOp({
  kind: 'sigmoid',
  onnx: 'Sigmoid',
  f: (x) => 1 / (1 + Math.exp(-x)),
  vjp: ({ g, output: y, grad }) => [g.mul(grad, g.mul(y, g.sub(1, y)))],
});
