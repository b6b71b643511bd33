import { unaryOp } from './elementwise';

/** ln x. d ln x = dx / x. */
export const log = unaryOp({ kind: 'log', onnx: 'Log', f: Math.log, vjp: ({ g, inputs: [x], grad }) => [g.div(grad, x)] });
