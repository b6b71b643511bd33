import type { GraphBuilder } from '../builder/graph-builder';
import { GraphError } from '../ir/graph-error';
import { isOpNode, type Tensor } from '../ir/node';
import { findOp } from '../ops/op-table';
import { nd, type NdArray } from './nd-array';
import { factorDim } from '../ir/dim';
import { concreteDims } from '../ir/concrete-dims';

/** Options of {@link interpret}. */
export interface InterpretOptions {
  /** Branch of `modeSwitch` nodes (default 'eval'). */
  readonly mode?: 'train' | 'eval';
}

/**
 * Evaluates a graph in float64 with the ops' reference rules: the oracle for
 * ORT op tests and the engine of the finite-difference gradient checks.
 * Inputs come from `feeds` by name; parameters from `feeds` or their initial values.
 */
export function interpret(
  g: GraphBuilder,
  feeds: Readonly<Record<string, NdArray>>,
  roots: readonly Tensor[],
  options: InterpretOptions = {},
): NdArray[] {
  const mode = options.mode ?? 'eval';
  const values = new Map<number, NdArray>();
  const symbols = new Map<string, number>();
  const needed = new Uint8Array(g.nodes.length);
  const stack = roots.map((r) => r.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (needed[id]) continue;
    needed[id] = 1;
    const n = g.nodes[id];
    stack.push(...(n.kind === 'modeSwitch' ? [n.inputs[mode === 'train' ? 0 : 1]] : n.inputs));
  }
  for (const node of g.nodes) {
    if (!needed[node.id]) continue;
    switch (node.kind) {
      case 'input': {
        const v = feeds[node.name];
        if (!v) throw new GraphError(`interpret: no feed for input '${node.name}'`);
        node.shape.forEach((d, i) => {
          const f = factorDim(d);
          if (f.symbols.length === 1) symbols.set(f.symbols[0], v.shape[i] / f.size);
        });
        values.set(node.id, v);
        break;
      }
      case 'param':
        values.set(node.id, feeds[node.name] ?? nd(node.shape as number[], node.init));
        break;
      case 'constant':
        values.set(node.id, nd(node.shape as number[], node.values));
        break;
      case 'modeSwitch':
        values.set(node.id, values.get(node.inputs[mode === 'train' ? 0 : 1])!);
        break;
      default: {
        const def = isOpNode(node) ? findOp(node.kind) : undefined;
        if (!def)
          throw new GraphError(`unknown op kind '${String((node as { kind: unknown }).kind)}' at node '${node.name}': no reference rule`);
        const inputs = node.inputs.map((i) => values.get(i)!);
        const outShape = concreteDims(node.shape, symbols, node.name);
        values.set(node.id, (def.reference as (i: NdArray[], a: unknown, s: number[]) => NdArray)(inputs, node.attrs, outShape));
      }
    }
  }
  return roots.map((r) => values.get(r.id)!);
}
