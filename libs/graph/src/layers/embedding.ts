import { GraphError } from '../ir/graph-error';
import type { Tensor } from '../ir/node';
import { init, type Init } from '../init/initializers';
import type { GraphBuilder } from '../builder/graph-builder';

export interface EmbeddingOptions {
  readonly count: number;
  readonly dim: number;
  /** Default N(0, 1), as `nn.Embedding`. */
  readonly init?: Init;
}

/** `nn.Embedding`: rows of `<name>.weight: [count, dim]` at int64 `indices` → `[...indices, dim]`. */
export function embedding(g: GraphBuilder, name: string, indices: Tensor, o: EmbeddingOptions): Tensor {
  if (indices.dtype !== 'int64') throw new GraphError(`embedding '${g.qualify(name)}': indices must be int64, got ${indices.dtype}`);
  return g.scope(name, () => g.gather(g.param('weight', [o.count, o.dim], o.init ?? init.normal(0, 1)), indices));
}
