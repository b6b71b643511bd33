import { GraphError } from '../ir/graph-error';
import type { Tensor } from '../ir/node';
import type { GraphBuilder } from '../builder/graph-builder';

/**
 * Inverted dropout: in train mode `x ⊙ mask` where the session fills `mask`
 * each step with 0 or 1/(1 − p) from its seeded PRNG, p honoured to 1/65536
 * (`Xoshiro128.fillDropoutMask`: two decisions per 32-bit draw), so runs repeat bit for
 * bit; identity in eval and inference.
 */
export function dropout(g: GraphBuilder, x: Tensor, p: number): Tensor {
  if (!(p >= 0 && p < 1)) throw new GraphError(`dropout: 'p' must be in [0, 1), got ${p}`);
  if (p === 0) return x;
  return g.modeSwitch(g.mul(x, g.dropoutMask(x.shape, p)), x);
}
