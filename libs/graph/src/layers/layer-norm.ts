import { GraphError } from '../ir/graph-error';
import type { Tensor } from '../ir/node';
import { init } from '../init/initializers';
import type { GraphBuilder } from '../builder/graph-builder';

export interface LayerNormOptions {
  readonly eps?: number;
  /** Learnable scale and shift (default true, as `nn.LayerNorm`). */
  readonly affine?: boolean;
}

/** LayerNorm over the last axis: (x − μ) / √(σ² + ε) · γ + β, σ² biased (as PyTorch). */
export function layerNorm(g: GraphBuilder, name: string, x: Tensor, opts: LayerNormOptions = {}): Tensor {
  const d = x.shape[x.shape.length - 1];
  if (typeof d !== 'number') throw new GraphError(`layerNorm '${g.qualify(name)}': last axis must be static`);
  return g.scope(name, () => {
    const mean = g.reduceMean(x, [-1], true);
    const xc = g.sub(x, mean);
    const variance = g.reduceMean(g.mul(xc, xc), [-1], true);
    const y = g.div(xc, g.sqrt(g.add(variance, opts.eps ?? 1e-5)));
    if (opts.affine === false) return y;
    return g.add(g.mul(y, g.param('weight', [d], init.ones())), g.param('bias', [d], init.zeros()));
  });
}
