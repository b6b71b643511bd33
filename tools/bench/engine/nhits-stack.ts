import { GraphBuilder, type Tensor } from '@tsforecast/graph';

/** Sizes of the benchmark stack (NHITS-like: blocks of L → hidden → hidden → θ MLPs). */
export interface StackSize {
  readonly blocks: number;
  readonly inputSize: number;
  readonly horizon: number;
  readonly hidden: number;
}

/**
 * NHITS-shaped residual stack: each block maps the residual `[B, L]` through
 * `L → hidden → hidden → θ` (ReLU) with θ = L + h; the first L values are the
 * backcast (subtracted from the residual), the last h the forecast (summed). MAE loss.
 */
export function buildStack(size: StackSize, seed = 1): { g: GraphBuilder; loss: Tensor } {
  const g = new GraphBuilder({ seed });
  const x = g.input('insample_y', ['B', size.inputSize]);
  const y = g.input('outsample_y', ['B', size.horizon]);
  let residual = x;
  let forecast: Tensor | undefined;
  for (let b = 0; b < size.blocks; b++) {
    g.scope(`block${b}`, () => {
      let h = g.relu(g.dense('fc1', residual, size.hidden));
      h = g.relu(g.dense('fc2', h, size.hidden));
      const theta = g.dense('theta', h, size.inputSize + size.horizon);
      residual = g.sub(residual, g.slice(theta, 1, 0, size.inputSize));
      const f = g.slice(theta, 1, size.inputSize, size.inputSize + size.horizon);
      forecast = forecast ? g.add(forecast, f) : f;
    });
  }
  const out = g.output('forecast', forecast!);
  return { g, loss: g.maeLoss(out, y) };
}

/** Matmul FLOPs of one forward pass (2·B·in·out per dense layer). */
export function forwardFlops(size: StackSize, batch: number): number {
  const theta = size.inputSize + size.horizon;
  const perBlock = size.inputSize * size.hidden + size.hidden * size.hidden + size.hidden * theta;
  return 2 * batch * perBlock * size.blocks;
}

/** Parameter count (weights and biases). */
export function parameterCount(size: StackSize): number {
  const theta = size.inputSize + size.horizon;
  return size.blocks * (size.inputSize * size.hidden + size.hidden + size.hidden * size.hidden + size.hidden + size.hidden * theta + theta);
}
