import { unaryOp } from './elementwise';

/** −x. d(−x) = −dx. */
export const neg = unaryOp({ kind: 'neg', onnx: 'Neg', f: (x) => -x, vjp: ({ g, grad }) => [g.neg(grad)] });
