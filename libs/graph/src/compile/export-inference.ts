import type { GraphBuilder } from '../builder/graph-builder';
import { formatShape } from '../ir/dim';
import { GraphError } from '../ir/graph-error';
import { emitGraph } from '../onnx/emit-graph';
import { encodeModel } from '../onnx/encode-model';
import { OPSET_VERSION } from '../onnx/onnx-types';
import type { FeedSpec } from './compiled-types';
import { evalGraph, type EvalOptions } from './eval-graph';

/** Parameter and state values by name (what `TrainStepSession.parameters()` returns). */
export type ParameterValues = Readonly<Record<string, Float32Array>>;

/** A portable inference model. */
export interface InferenceExport {
  /** ONNX ModelProto bytes: IR 8, opset 17, dynamic symbolic dims, weights as initializers. */
  readonly bytes: Uint8Array;
  readonly inputs: readonly FeedSpec[];
  readonly outputs: readonly FeedSpec[];
  readonly opset: number;
}

/**
 * Exports the eval-mode forward pass with `weights` baked in as initializers
 * (missing names fall back to their initial values). Whatever the graph
 * computes is exported — scaling and inverse scaling included — so a model
 * layer bakes its pre/post-processing into the same builder graph.
 */
export function exportInference(source: GraphBuilder, weights: ParameterValues, options: EvalOptions = {}): InferenceExport {
  const { graph: g, inputs, outputs, inputSpecs, outputSpecs } = evalGraph(source, options);
  const baked = new Map<number, Float32Array>();
  for (const p of g.persistents()) {
    const values = weights[p.name] ?? p.init;
    if (values.length !== p.init.length)
      throw new GraphError(
        `exportInference: '${p.name}' has ${values.length} values, expected ${p.init.length} for ${formatShape(p.shape)}`,
      );
    baked.set(p.id, values);
  }
  const bytes = encodeModel(emitGraph(g, { name: 'inference', inputs, initializers: baked, outputs }));
  return {
    bytes,
    inputs: inputSpecs,
    outputs: outputSpecs,
    opset: OPSET_VERSION,
  };
}
