import { formatShape } from '../ir/dim';
import { GraphError } from '../ir/graph-error';
import type { Tensor } from '../ir/node';
import type { GraphBuilder } from '../builder/graph-builder';

/** Options of 1-D pooling over the last axis (PyTorch `MaxPool1d` / `AvgPool1d`). */
export interface Pool1dOptions {
  readonly kernel: number;
  /** Default: `kernel`. */
  readonly stride?: number;
  readonly padding?: number;
  readonly ceilMode?: boolean;
  /** AvgPool only (default true, as PyTorch). */
  readonly countIncludePad?: boolean;
}

/** Window geometry of PyTorch 1-D pooling: output length and each window's start. */
export function poolWindows(length: number, o: Pool1dOptions, what: string): { out: number; stride: number; padding: number } {
  const stride = o.stride ?? o.kernel;
  const padding = o.padding ?? 0;
  if (!Number.isInteger(o.kernel) || o.kernel < 1) throw new GraphError(`${what}: 'kernel' must be an integer >= 1, got ${o.kernel}`);
  if (!Number.isInteger(stride) || stride < 1) throw new GraphError(`${what}: 'stride' must be an integer >= 1, got ${stride}`);
  if (padding < 0 || padding > o.kernel / 2) throw new GraphError(`${what}: 'padding' must be in [0, kernel/2], got ${padding}`);
  const span = length + 2 * padding - o.kernel;
  if (span < 0) throw new GraphError(`${what}: kernel ${o.kernel} is longer than the padded input (${length} + 2·${padding})`);
  let out = (o.ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  // PyTorch: the last window must start inside the input or the left padding.
  if (o.ceilMode && (out - 1) * stride >= length + padding) out--;
  return { out, stride, padding };
}

function lastAxis(x: Tensor, what: string): number {
  const l = x.shape[x.shape.length - 1];
  if (x.shape.length < 2 || typeof l !== 'number')
    throw new GraphError(`${what}: x must be [..., L] with rank >= 2 and static L, got ${formatShape(x.shape)}`);
  return l;
}

/**
 * Max pooling over the last axis, with PyTorch's ceil-mode rule. Built as an
 * unfold (a constant 0/1 matrix, padding as −1e30) and a max over each window;
 * the gradient is shared among tied maxima (PyTorch gives it to the first).
 */
export function maxPool1d(g: GraphBuilder, x: Tensor, o: Pool1dOptions): Tensor {
  const length = lastAxis(x, 'maxPool1d');
  const { out, stride, padding } = poolWindows(length, o, 'maxPool1d');
  const k = o.kernel;
  const unfold = new Float64Array(length * out * k);
  const fill = new Float64Array(out * k);
  for (let j = 0; j < out; j++)
    for (let t = 0; t < k; t++) {
      const src = j * stride - padding + t;
      if (src >= 0 && src < length) unfold[src * out * k + j * k + t] = 1;
      else fill[j * k + t] = -1e30;
    }
  const windows = g.add(g.matmul(x, g.constant(unfold, [length, out * k])), g.constant(fill, [out * k]));
  return g.reduceMax(g.reshape(windows, [...x.shape.slice(0, -1), out, k]), [-1]);
}

/** Average pooling over the last axis (PyTorch semantics for ceil mode and `count_include_pad`): one matmul with a constant matrix. */
export function avgPool1d(g: GraphBuilder, x: Tensor, o: Pool1dOptions): Tensor {
  const length = lastAxis(x, 'avgPool1d');
  const { out, stride, padding } = poolWindows(length, o, 'avgPool1d');
  const weights = new Float64Array(length * out);
  for (let j = 0; j < out; j++) {
    let start = j * stride - padding;
    let end = Math.min(start + o.kernel, length + padding);
    const padded = end - start;
    start = Math.max(start, 0);
    end = Math.min(end, length);
    const divisor = o.countIncludePad === false ? end - start : padded;
    for (let i = start; i < end; i++) weights[i * out + j] = 1 / divisor;
  }
  return g.matmul(x, g.constant(weights, [length, out]));
}
