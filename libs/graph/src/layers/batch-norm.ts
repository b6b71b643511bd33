import { GraphError } from '../ir/graph-error';
import type { Tensor } from '../ir/node';
import { init } from '../init/initializers';
import type { GraphBuilder } from '../builder/graph-builder';

export interface BatchNormOptions {
  readonly eps?: number;
  /** Running-stat momentum (PyTorch convention: new = (1 − m)·old + m·batch). Default 0.1. */
  readonly momentum?: number;
  readonly affine?: boolean;
  /**
   * Channels on the last axis, `x: [N, L, C]`: the same statistics as
   * `transpose → BatchNorm1d → transpose` without the two copies (ORT's
   * Transpose of a `[1024, 6, 128]` activation took ~5 ms each way).
   */
  readonly channelsLast?: boolean;
}

/**
 * BatchNorm1d over `x: [N, C]` or `[N, C, L]` (or `[N, L, C]` with `channelsLast`). Train mode normalises with batch
 * statistics (biased variance) and assigns the running mean / unbiased variance
 * (`<name>.running_mean`, `<name>.running_var`); eval mode uses the running stats.
 */
export function batchNorm(g: GraphBuilder, name: string, x: Tensor, opts: BatchNormOptions = {}): Tensor {
  const last = opts.channelsLast === true;
  const c = last ? x.shape[2] : x.shape[1];
  const rankOk = last ? x.shape.length === 3 : x.shape.length === 2 || x.shape.length === 3;
  if (!rankOk || typeof c !== 'number') {
    throw new GraphError(
      `batchNorm '${g.qualify(name)}': expected x ${last ? '[N, L, C]' : '[N, C] or [N, C, L]'} with static C, got [${x.shape.join(', ')}]`,
    );
  }
  const eps = opts.eps ?? 1e-5;
  const m = opts.momentum ?? 0.1;
  const axes = last ? [0, 1] : x.shape.length === 2 ? [0] : [0, 2];
  const statShape = last ? [1, 1, c] : x.shape.length === 2 ? [1, c] : [1, c, 1];
  return g.scope(name, () => {
    const runningMean = g.state('running_mean', [c], init.zeros());
    const runningVar = g.state('running_var', [c], init.ones());
    const mean = g.reduceMean(x, axes, true);
    const xc = g.sub(x, mean);
    const biasedVar = g.reduceMean(g.mul(xc, xc), axes, true);
    const train = g.div(xc, g.sqrt(g.add(biasedVar, eps)));
    const evaluate = g.div(g.sub(x, g.reshape(runningMean, statShape)), g.sqrt(g.add(g.reshape(runningVar, statShape), eps)));
    // Unbiased variance for the running estimate: σ²·n/(n − 1).
    const n = g.sizeOf(x, axes);
    const unbiased = g.mul(biasedVar, g.div(n, g.sub(n, 1)));
    g.assign(runningMean, g.add(g.mul(runningMean, 1 - m), g.mul(g.reshape(mean, [c]), m)));
    g.assign(runningVar, g.add(g.mul(runningVar, 1 - m), g.mul(g.reshape(unbiased, [c]), m)));
    const y = g.modeSwitch(train, evaluate);
    if (opts.affine === false) return y;
    return g.add(
      g.mul(y, g.reshape(g.param('weight', [c], init.ones()), statShape)),
      g.reshape(g.param('bias', [c], init.zeros()), statShape),
    );
  });
}
