import { unaryOp } from './elementwise';

/** tanh x. d tanh = (1 − y²) dx. */
export const tanh = unaryOp({
  kind: 'tanh',
  onnx: 'Tanh',
  f: Math.tanh,
  vjp: ({ g, output: y, grad }) => [g.mul(grad, g.sub(1, g.mul(y, y)))],
});
