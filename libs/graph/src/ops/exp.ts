import { unaryOp } from './elementwise';

/** eˣ. d eˣ = eˣ dx. */
export const exp = unaryOp({ kind: 'exp', onnx: 'Exp', f: Math.exp, vjp: ({ g, output: y, grad }) => [g.mul(grad, y)] });
