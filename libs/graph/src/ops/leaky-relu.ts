import { unaryOp } from './elementwise';

/** x > 0 ? x : αx. d = (x > 0 ? 1 : α) dx. */
export const leakyRelu = unaryOp({
  kind: 'leakyRelu',
  onnx: 'LeakyRelu',
  f: (x, { alpha }) => (x > 0 ? x : alpha * x),
  onnxAttrs: ({ alpha }) => ({ alpha: { f: alpha } }),
  vjp: ({ g, inputs: [x], grad, attrs }) => [g.where(g.compare(x, 'gt', 0), grad, g.mul(grad, attrs.alpha))],
});
