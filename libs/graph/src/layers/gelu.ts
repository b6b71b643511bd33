import type { Tensor } from '../ir/node';
import type { GraphBuilder } from '../builder/graph-builder';

/** GELU, erf form (PyTorch default): ½ x (1 + erf(x / √2)). ORT fuses the pattern into one Gelu kernel. */
export function gelu(g: GraphBuilder, x: Tensor): Tensor {
  return g.mul(g.mul(x, 0.5), g.add(g.erf(g.mul(x, Math.SQRT1_2)), 1));
}
