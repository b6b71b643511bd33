import { unaryOp } from './elementwise';

/** sign x ∈ {−1, 0, 1}; piecewise constant, so no gradient flows. */
export const sign = unaryOp({ kind: 'sign', onnx: 'Sign', f: Math.sign, vjp: () => [undefined] });
