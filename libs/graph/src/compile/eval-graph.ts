import type { GraphBuilder } from '../builder/graph-builder';
import { GraphError } from '../ir/graph-error';
import type { InputNode, Tensor } from '../ir/node';
import type { FeedSpec } from './compiled-types';
import { specialise } from './specialize';

/** Which outputs an eval-mode compilation computes (`compileEval`, `exportInference`). */
export interface EvalOptions {
  /** Which declared outputs to compute (default: all of `g.outputs`). */
  readonly outputs?: readonly string[];
  /** Extra named values, e.g. `{ loss }` for a validation loss. */
  readonly extra?: Readonly<Record<string, Tensor>>;
}

/** A source graph specialised to eval mode and cut to the wanted outputs. */
export interface EvalGraph {
  readonly graph: GraphBuilder;
  /** The data inputs left in `graph`. */
  readonly inputs: readonly InputNode[];
  /** The wanted outputs, as tensors of `graph`. */
  readonly outputs: readonly { name: string; tensor: Tensor }[];
  /** Name, dtype and shape of each input, as a session feeds it. */
  readonly inputSpecs: readonly FeedSpec[];
  /** Name, dtype and shape of each output, as a session reads it. */
  readonly outputSpecs: readonly FeedSpec[];
}

/**
 * The forward pass of `source` in eval mode (no dropout, BatchNorm on running
 * stats), keeping only what the wanted outputs need.
 * @throws GraphError when an output is not declared or none is wanted.
 */
export function evalGraph(source: GraphBuilder, options: EvalOptions): EvalGraph {
  const wanted = selectOutputs(source, options);
  const sp = specialise(
    source,
    'eval',
    wanted.map((w) => w.tensor),
  );
  const graph = sp.graph;
  const inputs = graph.nodes.filter((n): n is InputNode => n.kind === 'input');
  const outputs = wanted.map((w) => ({ name: w.name, tensor: sp.map(w.tensor) }));
  return {
    graph,
    inputs,
    outputs,
    inputSpecs: inputs.map((n) => ({ name: n.name, dtype: n.dtype, shape: n.shape })),
    outputSpecs: outputs.map((o) => ({ name: o.name, dtype: o.tensor.dtype, shape: o.tensor.shape })),
  };
}

/** Resolves the named outputs of a graph. */
function selectOutputs(source: GraphBuilder, options: EvalOptions): { name: string; tensor: Tensor }[] {
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
