import type { GraphBuilder } from '../builder/graph-builder';
import type { Tensor } from '../ir/node';
import { Xoshiro128 } from '../init/xoshiro128';
import { nd, type NdArray } from '../reference/nd-array';
import type { OpCase } from './op-cases';

/** A built op case: graph, inputs, output, float64 feeds and the inputs to differentiate. */
export interface BuiltCase {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly feeds: Record<string, NdArray>;
  readonly wrt: readonly Tensor[];
}

/** Builds an op case in `g` with seeded random inputs named `in0`, `in1`, …. */
export function buildCase(g: GraphBuilder, c: OpCase, seed = 1): BuiltCase {
  const rng = new Xoshiro128(seed, c.name);
  const feeds: Record<string, NdArray> = {};
  const inputs = c.inputs.map((spec, i) => {
    const name = `in${i}`;
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const [lo, hi] = spec.range ?? [-2, 2];
    feeds[name] = nd(spec.shape, spec.values ?? Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform()));
    return g.input(name, spec.shape, spec.dtype ?? 'float32');
  });
  const wrt = inputs.filter((_, i) => (c.inputs[i].diff ?? true) && (c.inputs[i].dtype ?? 'float32') === 'float32');
  return { inputs, output: c.build(g, inputs), feeds, wrt };
}
