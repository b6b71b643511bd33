import { GraphBuilder } from '../builder/graph-builder';
import type { GraphNode, Tensor } from '../ir/node';

/** Which branch of every `modeSwitch` a compiled graph takes. */
export type GraphMode = 'train' | 'eval';

/** A graph specialised to a mode and pruned to what some roots need. */
export interface SpecialisedGraph {
  readonly graph: GraphBuilder;
  /** Maps a tensor of the source graph to its copy (throws for pruned ones). */
  readonly map: (t: Tensor) => Tensor;
  /** Whether a source tensor survived pruning. */
  readonly has: (t: Tensor) => boolean;
}

/**
 * Copies the ancestors of `roots`, replacing each `modeSwitch` by its train or
 * eval branch. Nodes nothing needs (e.g. dropout masks in eval mode, targets in
 * inference) are dropped.
 */
export function specialise(src: GraphBuilder, mode: GraphMode, roots: readonly Tensor[]): SpecialisedGraph {
  const needed = new Uint8Array(src.nodes.length);
  const stack = roots.map((r) => src.node(r).id);
  const branch = (n: GraphNode): readonly number[] => (n.kind === 'modeSwitch' ? [n.inputs[mode === 'train' ? 0 : 1]] : n.inputs);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (needed[id]) continue;
    needed[id] = 1;
    stack.push(...branch(src.nodes[id]));
  }
  const graph = new GraphBuilder({ seed: src.seed });
  const copies = new Map<number, Tensor>();
  for (const node of src.nodes) {
    if (!needed[node.id]) continue;
    const inputs = branch(node).map((i) => copies.get(i)!);
    copies.set(node.id, node.kind === 'modeSwitch' ? inputs[0] : graph.copyNode(node, inputs));
  }
  return {
    graph,
    has: (t) => copies.has(t.id),
    map: (t) => {
      const c = copies.get(t.id);
      if (!c) throw new Error(`tensor '${t.name}' was pruned from the ${mode} graph`);
      return c;
    },
  };
}
