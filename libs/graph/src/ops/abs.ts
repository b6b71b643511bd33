import { unaryOp } from './elementwise';

/** |x|. d|x| = sign(x) dx (0 at 0, as PyTorch). */
export const abs = unaryOp({ kind: 'abs', onnx: 'Abs', f: Math.abs, vjp: ({ g, inputs: [x], grad }) => [g.mul(grad, g.sign(x))] });
