import { unaryOp } from './elementwise';

/** max(x, 0). d relu(x) = [x > 0] dx. */
export const relu = unaryOp({
  kind: 'relu',
  onnx: 'Relu',
  f: (x) => (x > 0 ? x : 0),
  vjp: ({ g, inputs: [x], grad }) => [g.mul(grad, g.compare(x, 'gt', 0))],
});
