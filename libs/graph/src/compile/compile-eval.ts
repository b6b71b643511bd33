import type { GraphBuilder } from '../builder/graph-builder';
import { GraphError } from '../ir/graph-error';
import type { InputNode, Tensor } from '../ir/node';
import { emitGraph } from '../onnx/emit-graph';
import { encodeModel } from '../onnx/encode-model';
import type { CompiledEval } from './compiled-types';
import { persistentSpecs } from './compile-train-step';
import { specialise } from './specialize';

/** Options of {@link compileEval}. */
export interface EvalOptions {
  /** Which declared outputs to compute (default: all of `g.outputs`). */
  readonly outputs?: readonly string[];
  /** Extra named values, e.g. `{ loss }` for a validation loss. */
  readonly extra?: Readonly<Record<string, Tensor>>;
}

/** Resolves the named outputs of a graph. */
export function selectOutputs(source: GraphBuilder, options: EvalOptions): { name: string; tensor: Tensor }[] {
  const names = options.outputs ?? [...source.outputs.keys()];
  const picked = names.map((name) => {
    const tensor = source.outputs.get(name);
    if (!tensor) throw new GraphError(`output '${name}' is not declared; declared: ${[...source.outputs.keys()].join(', ') || '(none)'}`);
    return { name, tensor };
  });
  for (const [name, tensor] of Object.entries(options.extra ?? {})) picked.push({ name, tensor });
  if (picked.length === 0) throw new GraphError('no outputs: declare some with g.output(name, tensor)');
  return picked;
}

/**
 * Compiles the forward pass in eval mode (no dropout, BatchNorm on running
 * stats) with parameters and states as inputs, so it evaluates the current
 * weights of a train session without re-serialising.
 */
export function compileEval(source: GraphBuilder, options: EvalOptions = {}): CompiledEval {
  const wanted = selectOutputs(source, options);
  const sp = specialise(
    source,
    'eval',
    wanted.map((w) => w.tensor),
  );
  const g = sp.graph;
  const outputs = wanted.map((w) => ({ name: w.name, tensor: sp.map(w.tensor) }));
  const feeds = g.nodes.filter((n): n is InputNode => n.kind === 'input');
  const persistents = g.persistents();
  const model = encodeModel(emitGraph(g, { name: 'eval', inputs: [...feeds, ...persistents], outputs }));
  return {
    model,
    graph: g,
    feeds: feeds.map((n) => ({ name: n.name, dtype: n.dtype, shape: n.shape })),
    persistentInputs: persistents.map((p) => p.name),
    persistents: persistentSpecs(source),
    outputs: outputs.map((o) => ({ name: o.name, dtype: o.tensor.dtype, shape: o.tensor.shape })),
  };
}
