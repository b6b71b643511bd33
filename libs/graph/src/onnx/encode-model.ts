import { ProtoWriter } from './proto-writer';
import {
  IR_VERSION,
  OPSET_VERSION,
  type OnnxAttribute,
  type OnnxGraph,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './onnx-types';

// Field numbers and enums from onnx/onnx.proto (public spec).
const DATA_TYPE = { float32: 1, int64: 7 } as const;
const ATTR_TYPE = { f: 1, i: 2, s: 3, t: 4, floats: 6, ints: 7 } as const;

function tensorProto(t: OnnxTensor): ProtoWriter {
  const w = new ProtoWriter();
  w.packedVarints(1, t.dims); // dims
  w.varint(2, t.data instanceof Float32Array ? DATA_TYPE.float32 : DATA_TYPE.int64); // data_type
  w.string(8, t.name); // name
  // raw_data (9): little-endian bytes; this machine and every ORT target are little-endian.
  w.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return w;
}

function attributeProto(name: string, a: OnnxAttribute): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  if ('f' in a) w.varint(20, ATTR_TYPE.f).float(2, a.f);
  else if ('i' in a) w.varint(20, ATTR_TYPE.i).varint(3, a.i);
  else if ('s' in a) w.varint(20, ATTR_TYPE.s).string(4, a.s);
  else if ('t' in a) w.varint(20, ATTR_TYPE.t).message(5, tensorProto(a.t));
  else if ('floats' in a) w.varint(20, ATTR_TYPE.floats).packedFloats(7, a.floats);
  else w.varint(20, ATTR_TYPE.ints).packedVarints(8, a.ints);
  return w;
}

function nodeProto(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const [k, v] of Object.entries(n.attrs)) w.message(5, attributeProto(k, v));
  return w;
}

function valueInfoProto(v: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    // TensorShapeProto.Dimension: dim_value (1) or dim_param (2).
    const dim = typeof d === 'number' ? new ProtoWriter().varint(1, d) : new ProtoWriter().string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new ProtoWriter().varint(1, DATA_TYPE[v.dtype]).message(2, shape); // elem_type, shape
  const type = new ProtoWriter().message(1, tensorType); // TypeProto.tensor_type
  return new ProtoWriter().string(1, v.name).message(2, type);
}

/**
 * Serialises a graph as an ONNX `ModelProto` (IR version 8, default-domain
 * opset 17): bytes any ONNX Runtime (Node, Python, C++) can load.
 */
export function encodeModel(graph: OnnxGraph, producer = 'tsforecast-graph'): Uint8Array {
  const g = new ProtoWriter();
  for (const n of graph.nodes) g.message(1, nodeProto(n));
  g.string(2, graph.name);
  for (const t of graph.initializers) g.message(5, tensorProto(t));
  for (const i of graph.inputs) g.message(11, valueInfoProto(i));
  for (const o of graph.outputs) g.message(12, valueInfoProto(o));
  const model = new ProtoWriter();
  model.varint(1, IR_VERSION).string(2, producer).string(3, '0.1.0');
  model.message(7, g);
  model.message(8, new ProtoWriter().string(1, '').varint(2, OPSET_VERSION));
  return model.finish();
}
