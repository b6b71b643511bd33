import { binaryOp } from './elementwise';
import { extremumVjp } from './extremum-vjp';

/** max(a, b). Gradient to the larger input; ties split it in half (PyTorch `maximum`). */
export const maximum = binaryOp({
  kind: 'maximum',
  onnx: 'Max',
  f: (a, b) => Math.max(a, b),
  vjp: extremumVjp('gt'),
});
