import { binaryOp } from './elementwise';
import { extremumVjp } from './extremum-vjp';

/** min(a, b). Gradient to the smaller input; ties split it in half. */
export const minimum = binaryOp({
  kind: 'minimum',
  onnx: 'Min',
  f: (a, b) => Math.min(a, b),
  vjp: extremumVjp('lt'),
});
