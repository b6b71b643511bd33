import { factorDim, formatShape, productOf } from '../ir/dim';
import { GraphError } from '../ir/graph-error';
import type { Tensor } from '../ir/node';
import { init, type Init } from '../init/initializers';
import type { GraphBuilder } from '../builder/graph-builder';

/** Options of {@link dense}. */
export interface DenseOptions {
  /** Add a bias (default true). */
  readonly bias?: boolean;
  /** Weight init (default PyTorch `nn.Linear`: U(±1/sqrt(in))). */
  readonly weightInit?: Init;
  /** Bias init (default PyTorch `nn.Linear`: U(±1/sqrt(in))). */
  readonly biasInit?: Init;
}

/**
 * `y = x wᵀ + b`, `x: [..., in]`, `w: [out, in]` (PyTorch layout), `b: [out]` → `[..., out]`.
 * Lowered as one Gemm (transB) on `x` flattened to 2-D, so no weight transpose runs per step.
 */
export function linear(g: GraphBuilder, x: Tensor, w: Tensor, b?: Tensor): Tensor {
  if (w.shape.length !== 2) throw new GraphError(`linear '${g.qualify('linear')}': weight must be [out, in], got ${formatShape(w.shape)}`);
  if (x.shape.length === 2) return g.gemm(x, w, b, { transB: true });
  const lead = x.shape.slice(0, -1);
  const symbolic = lead.filter((d) => factorDim(d).symbols.length > 0).length;
  if (x.shape.length < 2 || symbolic > 1) {
    const y = g.matmul(x, g.transpose(w, [1, 0]));
    return b ? g.add(y, b) : y;
  }
  const x2 = g.reshape(x, [productOf(lead), x.shape[x.shape.length - 1]]);
  return g.reshape(g.gemm(x2, w, b, { transB: true }), [...lead, w.shape[0]]);
}

/** A PyTorch-initialised `nn.Linear(in, out)`: params `<scope>.<name>.weight: [out, in]` and `.bias: [out]`. */
export function dense(g: GraphBuilder, name: string, x: Tensor, outFeatures: number, opts: DenseOptions = {}): Tensor {
  const inFeatures = x.shape[x.shape.length - 1];
  if (typeof inFeatures !== 'number')
    throw new GraphError(`dense '${g.qualify(name)}': the last axis of x must be static, got ${formatShape(x.shape)}`);
  return g.scope(name, () => {
    const w = g.param('weight', [outFeatures, inFeatures], opts.weightInit ?? init.torchDefault());
    const b = opts.bias === false ? undefined : g.param('bias', [outFeatures], opts.biasInit ?? init.torchDefault(inFeatures));
    return linear(g, x, w, b);
  });
}
