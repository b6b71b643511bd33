import type { GraphBuilder } from '../builder/graph-builder';
import { emitGraph } from '../onnx/emit-graph';
import { encodeModel } from '../onnx/encode-model';
import type { CompiledEval } from './compiled-types';
import { persistentSpecs } from './compile-train-step';
import { evalGraph, type EvalOptions } from './eval-graph';

/**
 * Compiles the forward pass in eval mode (no dropout, BatchNorm on running
 * stats) with parameters and states as inputs, so it evaluates the current
 * weights of a train session without re-serialising.
 */
export function compileEval(source: GraphBuilder, options: EvalOptions = {}): CompiledEval {
  const { graph: g, inputs, outputs, inputSpecs, outputSpecs } = evalGraph(source, options);
  const persistents = g.persistents();
  const model = encodeModel(emitGraph(g, { name: 'eval', inputs: [...inputs, ...persistents], outputs }));
  return {
    model,
    graph: g,
    feeds: inputSpecs,
    persistentInputs: persistents.map((p) => p.name),
    persistents: persistentSpecs(source),
    outputs: outputSpecs,
  };
}
