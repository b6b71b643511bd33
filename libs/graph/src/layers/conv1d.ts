import { formatShape } from '../ir/dim';
import { GraphError } from '../ir/graph-error';
import type { Tensor } from '../ir/node';
import { init, type Init } from '../init/initializers';
import type { GraphBuilder } from '../builder/graph-builder';

export interface Conv1dOptions {
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride?: number;
  /** Zero padding on both sides. */
  readonly padding?: number;
  readonly dilation?: number;
  readonly bias?: boolean;
  readonly weightInit?: Init;
}

/**
 * `nn.Conv1d` (groups = 1) on `x: [N, C, L]` → `[N, outChannels, L']`, params
 * `weight: [out, C, k]`, `bias: [out]` with PyTorch's default init. Built as an
 * unfold (constant 0/1 matmul, zero padding, dilation, stride) and one Gemm.
 */
export function conv1d(g: GraphBuilder, name: string, x: Tensor, o: Conv1dOptions): Tensor {
  const [, c, length] = x.shape;
  if (x.shape.length !== 3 || typeof c !== 'number' || typeof length !== 'number') {
    throw new GraphError(`conv1d '${g.qualify(name)}': x must be [N, C, L] with static C and L, got ${formatShape(x.shape)}`);
  }
  const k = o.kernel;
  const stride = o.stride ?? 1;
  const padding = o.padding ?? 0;
  const dilation = o.dilation ?? 1;
  const out = Math.floor((length + 2 * padding - dilation * (k - 1) - 1) / stride) + 1;
  if (out < 1)
    throw new GraphError(
      `conv1d '${g.qualify(name)}': kernel ${k} (dilation ${dilation}) does not fit the padded input of length ${length}`,
    );
  const unfold = new Float64Array(length * out * k);
  for (let j = 0; j < out; j++)
    for (let t = 0; t < k; t++) {
      const src = j * stride - padding + t * dilation;
      if (src >= 0 && src < length) unfold[src * out * k + j * k + t] = 1;
    }
  return g.scope(name, () => {
    const w = g.param('weight', [o.outChannels, c, k], o.weightInit ?? init.torchDefault());
    const b = o.bias === false ? undefined : g.param('bias', [o.outChannels], init.torchDefault(c * k));
    const cols = g.reshape(g.matmul(x, g.constant(unfold, [length, out * k])), [x.shape[0], c, out, k]);
    const patches = g.reshape(g.transpose(cols, [0, 2, 1, 3]), [x.shape[0], out, c * k]);
    const y = g.linear(patches, g.reshape(w, [o.outChannels, c * k]), b);
    return g.transpose(y, [0, 2, 1]);
  });
}
