import type { GraphBuilder } from '../builder/graph-builder';
import { formatShape } from '../ir/dim';
import type { GraphNode } from '../ir/node';

function dtypeTag(n: GraphNode): string {
  return `${n.dtype === 'float32' ? 'f32' : 'i64'}${formatShape(n.shape)}`;
}

function attrsText(attrs: object): string {
  const parts = Object.entries(attrs).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return parts.length ? ` {${parts.join(', ')}}` : '';
}

/**
 * A readable text form of the IR, one node per line — the golden snapshots
 * and debugging use it.
 *
 * ```text
 * %0 = input x : f32[B, 4]
 * %1 = param fc.weight : f32[3, 4] init=torchDefault(bound=0.5)
 * %3 = gemm(%0, %1, %2) {transA=false, transB=true} : f32[B, 3]  # fc
 * ```
 */
export function printGraph(g: GraphBuilder): string {
  const lines = g.nodes.map((n) => {
    const head = `%${n.id} = `;
    switch (n.kind) {
      case 'input':
        return `${head}input ${n.name}${n.role === 'dropoutMask' ? ` (dropout p=${n.p})` : ''} : ${dtypeTag(n)}`;
      case 'param': {
        const args = Object.entries(n.initSpec.args)
          .map(([k, v]) => `${k}=${Number(v.toPrecision(6))}`)
          .join(', ');
        return `${head}${n.trainable ? 'param' : 'state'} ${n.name} : ${dtypeTag(n)} init=${n.initSpec.kind}(${args})`;
      }
      case 'constant': {
        const shown = Array.from(n.values.slice(0, 4), (v) => Number(v.toPrecision(6))).join(', ');
        return `${head}const [${shown}${n.values.length > 4 ? ', …' : ''}] : ${dtypeTag(n)}`;
      }
      case 'modeSwitch':
        return `${head}modeSwitch(train=%${n.inputs[0]}, eval=%${n.inputs[1]}) : ${dtypeTag(n)}`;
      default: {
        const scope = n.name.includes('#') ? '' : `  # ${n.name}`;
        return `${head}${n.kind}(${n.inputs.map((i) => `%${i}`).join(', ')})${attrsText(n.attrs)} : ${dtypeTag(n)}${scope}`;
      }
    }
  });
  for (const [name, t] of g.outputs) lines.push(`output ${name} = %${t.id}`);
  for (const a of g.assignments) lines.push(`assign ${a.state.name} <- %${a.value.id}`);
  return lines.join('\n');
}
