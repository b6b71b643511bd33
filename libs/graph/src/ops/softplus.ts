import { unaryOp } from './elementwise';

/** log(1 + eˣ). d softplus = σ(x) dx. */
export const softplus = unaryOp({
  kind: 'softplus',
  onnx: 'Softplus',
  f: (x) => (x > 30 ? x : Math.log1p(Math.exp(x))),
  vjp: ({ g, inputs: [x], grad }) => [g.mul(grad, g.sigmoid(x))],
});
