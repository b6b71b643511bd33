import { broadcastShapes, formatShape } from '../ir/dim';
import type { OpAttrs } from '../ir/op-kind';
import { broadcastMap } from '../reference/nd-array';
import { fail, type OpDef, type TensorMeta, type VjpRule } from './op-def';

type UnaryKind = 'neg' | 'abs' | 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'softplus' | 'exp' | 'log' | 'sqrt' | 'erf' | 'sign';
type BinaryKind = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum';

export function requireFloat(inputs: readonly TensorMeta[]): void {
  inputs.forEach((t, i) => {
    if (t.dtype !== 'float32') fail(`input ${i} must be float32, got ${t.dtype} ${formatShape(t.shape)}`);
  });
}

/** Broadcast shape of all inputs (float32). */
export function inferBroadcast(inputs: readonly TensorMeta[]): TensorMeta {
  requireFloat(inputs);
  let shape = inputs[0].shape;
  for (let i = 1; i < inputs.length; i++) {
    const r = broadcastShapes(shape, inputs[i].shape);
    if (typeof r === 'string') fail(r);
    shape = r;
  }
  return { shape, dtype: 'float32' };
}

/** An elementwise unary op: one ONNX node, a scalar reference function and its VJP. */
export function unaryOp<K extends UnaryKind>(spec: {
  kind: K;
  onnx: string;
  f: (x: number, attrs: OpAttrs[K]) => number;
  vjp: VjpRule<K>;
  onnxAttrs?: (attrs: OpAttrs[K]) => Record<string, { f: number }>;
}): OpDef<K> {
  return {
    kind: spec.kind,
    title: spec.onnx,
    arity: 1,
    infer: ([x]) => (requireFloat([x]), { shape: x.shape, dtype: 'float32' }),
    vjp: spec.vjp,
    lower: ({ emit, inputs, output, attrs }) => void emit.node(spec.onnx, inputs, spec.onnxAttrs?.(attrs) ?? {}, output),
    reference: ([x], attrs, out) => broadcastMap([x], out, (v) => spec.f(v, attrs)),
  };
}

/** An elementwise binary op with numpy broadcasting. */
export function binaryOp<K extends BinaryKind>(spec: {
  kind: K;
  onnx: string;
  f: (a: number, b: number) => number;
  vjp: VjpRule<K>;
}): OpDef<K> {
  return {
    kind: spec.kind,
    title: spec.onnx,
    arity: 2,
    infer: inferBroadcast,
    vjp: spec.vjp,
    lower: ({ emit, inputs, output }) => void emit.node(spec.onnx, inputs, {}, output),
    reference: (inputs, _attrs, out) => broadcastMap(inputs, out, spec.f),
  };
}
