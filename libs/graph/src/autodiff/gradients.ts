import type { GraphBuilder } from '../builder/graph-builder';
import { formatShape, isStatic } from '../ir/dim';
import { GraphError } from '../ir/graph-error';
import { isOpNode, type Tensor } from '../ir/node';
import type { OpKind } from '../ir/op-kind';
import type { VjpContext } from '../ops/op-def';
import { findOp } from '../ops/op-table';

/**
 * Reverse-mode differentiation of the scalar `loss` with respect to `wrt`,
 * appending the gradient nodes to `g` (forward values are shared, not recomputed).
 * Only nodes that both depend on some `wrt` and feed the loss are differentiated.
 * Returns one gradient per `wrt` tensor, same shape (zeros if the loss ignores it).
 */
export function gradients(g: GraphBuilder, loss: Tensor, wrt: readonly Tensor[], seed?: Tensor): Tensor[] {
  if (loss.shape.length !== 0 && !seed)
    throw new GraphError(`gradients: the loss must be a scalar [], got ${formatShape(loss.shape)} at '${loss.name}'`);
  const count = loss.id + 1;
  // Forward: which nodes depend on a wrt tensor.
  const depends = new Uint8Array(count);
  for (const t of wrt) if (t.id < count) depends[t.id] = 1;
  for (let id = 0; id < count; id++) {
    const n = g.nodes[id];
    if (!depends[id] && n.inputs.some((i) => depends[i])) depends[id] = 1;
  }
  // Backward: which of those feed the loss.
  const active = new Uint8Array(count);
  active[loss.id] = depends[loss.id];
  for (let id = loss.id; id >= 0; id--) {
    if (!active[id]) continue;
    for (const i of g.nodes[id].inputs) if (depends[i]) active[i] = 1;
  }
  const cot = new Map<number, Tensor>();
  cot.set(loss.id, seed ?? g.scalar(1));
  for (let id = loss.id; id >= 0; id--) {
    const node = g.nodes[id];
    const grad = cot.get(id);
    if (!active[id] || !grad || !isOpNode(node)) continue;
    const def = findOp(node.kind);
    if (!def) throw new GraphError(`unknown op kind '${String(node.kind)}' at node '${node.name}': no gradient rule`);
    const inputs = node.inputs.map((i) => g.nodes[i]);
    const ctx: VjpContext<OpKind> = { g, attrs: node.attrs, inputs, output: node, grad, needs: node.inputs.map((i) => active[i] === 1) };
    const grads = def.vjp(ctx as never);
    node.inputs.forEach((inputId, k) => {
      const gi = grads[k];
      if (!gi || !active[inputId]) return;
      if (formatShape(gi.shape) !== formatShape(inputs[k].shape)) {
        throw new GraphError(
          `${def.title} '${node.name}': gradient of input ${k} has shape ${formatShape(gi.shape)}, expected ${formatShape(inputs[k].shape)}`,
        );
      }
      const prev = cot.get(inputId);
      cot.set(inputId, prev ? g.add(prev, gi) : gi);
    });
  }
  return wrt.map((t) => {
    const gt = cot.get(t.id);
    if (gt) return gt;
    if (!isStatic(t.shape)) throw new GraphError(`gradients: '${t.name}' does not affect the loss and has a symbolic shape`);
    return g.constant(new Float64Array(t.shape.reduce((a, b) => a * b, 1)), t.shape);
  });
}
