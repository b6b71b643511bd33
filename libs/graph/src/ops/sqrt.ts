import { unaryOp } from './elementwise';

/** √x. d√x = dx / (2√x). */
export const sqrt = unaryOp({ kind: 'sqrt', onnx: 'Sqrt', f: Math.sqrt, vjp: ({ g, output: y, grad }) => [g.div(g.mul(grad, 0.5), y)] });
