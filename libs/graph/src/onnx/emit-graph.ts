import type { GraphBuilder } from '../builder/graph-builder';
import { GraphError } from '../ir/graph-error';
import { isOpNode, type GraphNode, type Tensor } from '../ir/node';
import type { OpKind } from '../ir/op-kind';
import type { LowerContext, OnnxEmitter } from '../ops/op-def';
import { findOp } from '../ops/op-table';
import type { OnnxAttribute, OnnxGraph, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnx-types';

/** What becomes of the graph's leaves when lowering. */
export interface EmitSpec {
  /** Graph name in the ModelProto. */
  readonly name: string;
  /** Leaves fed at run time, in this order (inputs and, for train/eval graphs, parameters). */
  readonly inputs: readonly Tensor[];
  /** Leaves baked in as initializers (trained weights for inference), by tensor. */
  readonly initializers?: ReadonlyMap<number, Float32Array>;
  /** Named outputs. */
  readonly outputs: readonly { readonly name: string; readonly tensor: Tensor }[];
}

/** Lowers a (specialised, mode-free) graph to an ONNX graph. Only ancestors of the outputs are emitted. */
export function emitGraph(g: GraphBuilder, spec: EmitSpec): OnnxGraph {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  const constCache = new Map<string, string>();
  let counter = 0;
  const fresh = (hint: string) => `${hint}_${counter++}`;
  // One initializer per distinct constant: `kind` (i64, f32) and `key` (dims and values) name it.
  const constant = (kind: string, key: string, dims: readonly number[], data: () => OnnxTensor['data']): string => {
    let name = constCache.get(`${kind}:${key}`);
    if (!name) {
      name = fresh(kind);
      initializers.push({ name, dims, data: data() });
      constCache.set(`${kind}:${key}`, name);
    }
    return name;
  };
  const emit: OnnxEmitter = {
    node(opType, inputs, attrs = {}, output, unusedOutputs = 0) {
      const out = output ?? fresh(`t`);
      const extra = Array.from({ length: unusedOutputs }, () => fresh('unused'));
      nodes.push({ opType, name: fresh(opType), inputs, outputs: [out, ...extra], attrs: attrs as Record<string, OnnxAttribute> });
      return out;
    },
    int64: (values, dims) =>
      constant('i64', `${dims ? dims.join('x') : 'v'}:${values.join(',')}`, dims ?? [values.length], () =>
        BigInt64Array.from(values.map((v) => BigInt(v))),
      ),
    float: (values, dims) =>
      constant('f32', `${dims ? dims.join('x') : 's'}:${values.join(',')}`, dims ?? [], () => Float32Array.from(values)),
  };

  // Ancestors of the outputs only.
  const needed = new Uint8Array(g.nodes.length);
  const stack = spec.outputs.map((o) => o.tensor.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (needed[id]) continue;
    needed[id] = 1;
    stack.push(...g.nodes[id].inputs);
  }
  const inputIds = new Set(spec.inputs.map((t) => t.id));
  // An op's value that is a graph output is written under the output's name
  // directly: an Identity copy per output cost ~0.7 ms per MiB in ORT (Adam's m
  // and v are also read by the update, so ORT could not remove those copies).
  const outputNameOf = new Map<number, string>();
  for (const o of spec.outputs) if (isOpNode(g.nodes[o.tensor.id]) && !outputNameOf.has(o.tensor.id)) outputNameOf.set(o.tensor.id, o.name);
  const valueName = new Map<number, string>();
  for (const node of g.nodes) {
    if (!needed[node.id]) continue;
    const name = outputNameOf.get(node.id);
    valueName.set(
      node.id,
      lowerNode(g, node, emit, valueName, inputIds, spec, initializers, () => name ?? fresh('v')),
    );
  }
  const info = (name: string, t: Tensor): OnnxValueInfo => ({ name, dtype: t.dtype, shape: t.shape.map((d) => d) });
  // Outputs that are leaves (a carried parameter fed back unchanged) or repeat another output's value are copies.
  for (const o of spec.outputs) if (valueName.get(o.tensor.id) !== o.name) emit.node('Identity', [valueName.get(o.tensor.id)!], {}, o.name);
  return {
    name: spec.name,
    nodes,
    initializers,
    inputs: spec.inputs.map((t) => info(t.name, t)),
    outputs: spec.outputs.map((o) => info(o.name, o.tensor)),
  };
}

function lowerNode(
  g: GraphBuilder,
  node: GraphNode,
  emit: OnnxEmitter,
  valueName: ReadonlyMap<number, string>,
  inputIds: ReadonlySet<number>,
  spec: EmitSpec,
  initializers: OnnxTensor[],
  fresh: () => string,
): string {
  switch (node.kind) {
    case 'input':
    case 'param': {
      const baked = spec.initializers?.get(node.id);
      if (baked) {
        initializers.push({ name: node.name, dims: node.shape as number[], data: baked });
        return node.name;
      }
      if (!inputIds.has(node.id)) throw new GraphError(`'${node.name}' (${node.kind}) is needed but neither fed nor baked in`);
      return node.name;
    }
    case 'constant': {
      const name = `const_${node.id}`;
      const data = node.dtype === 'int64' ? BigInt64Array.from(Array.from(node.values, (v) => BigInt(v))) : Float32Array.from(node.values);
      initializers.push({ name, dims: node.shape as number[], data });
      return name;
    }
    case 'modeSwitch':
      throw new GraphError(`modeSwitch '${node.name}' reached the emitter; specialise the graph first`);
    default: {
      const def = isOpNode(node) ? findOp(node.kind) : undefined;
      if (!def)
        throw new GraphError(`unknown op kind '${String((node as { kind: unknown }).kind)}' at node '${node.name}': no ONNX lowering`);
      const output = fresh();
      const ctx: LowerContext<OpKind> = {
        attrs: node.attrs,
        inputs: node.inputs.map((i) => valueName.get(i)!),
        inputMeta: node.inputs.map((i) => g.nodes[i]),
        output,
        outputMeta: node,
        emit,
      };
      def.lower(ctx as never);
      return output;
    }
  }
}
