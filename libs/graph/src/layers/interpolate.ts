import { formatShape } from '../ir/dim';
import { GraphError } from '../ir/graph-error';
import type { Tensor } from '../ir/node';
import type { GraphBuilder } from '../builder/graph-builder';

/** The `[L, size]` matrix of PyTorch `F.interpolate(mode='linear', align_corners=False, size=size)`. */
export function linearInterpolationMatrix(length: number, size: number): Float64Array {
  const m = new Float64Array(length * size);
  const scale = length / size;
  for (let j = 0; j < size; j++) {
    // area_pixel_compute_source_index: src = scale·(j + ½) − ½, clamped at 0.
    const src = Math.max(scale * (j + 0.5) - 0.5, 0);
    const i0 = Math.floor(src);
    const i1 = i0 < length - 1 ? i0 + 1 : i0;
    const lambda = src - i0;
    m[i0 * size + j] += 1 - lambda;
    m[i1 * size + j] += lambda;
  }
  return m;
}

/** Linear interpolation of the last axis to `size` points (NHITS upsampling), as one matmul. */
export function interpolateLinear(g: GraphBuilder, x: Tensor, size: number): Tensor {
  const length = x.shape[x.shape.length - 1];
  if (x.shape.length < 2 || typeof length !== 'number')
    throw new GraphError(`interpolateLinear: x must be [..., L] with rank >= 2 and static L, got ${formatShape(x.shape)}`);
  if (!Number.isInteger(size) || size < 1) throw new GraphError(`interpolateLinear: 'size' must be an integer >= 1, got ${size}`);
  return g.matmul(x, g.constant(linearInterpolationMatrix(length, size), [length, size]));
}
