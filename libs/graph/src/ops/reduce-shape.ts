import type { Dim } from '../ir/dim';
import type { Tensor } from '../ir/node';
import type { GraphBuilder } from '../builder/graph-builder';
import { keptShape, normaliseAxes } from './axes';
import { requireFloat } from './elementwise';
import type { TensorMeta } from './op-def';

/** Output shape of a reduction over `axes`. */
export function inferReduce([x]: readonly TensorMeta[], attrs: { axes: readonly number[]; keepDims: boolean }): TensorMeta {
  requireFloat([x]);
  const axes = normaliseAxes(attrs.axes, x.shape.length);
  const shape: Dim[] = attrs.keepDims ? keptShape(x.shape, axes) : x.shape.filter((_, i) => !axes.includes(i));
  return { shape, dtype: 'float32' };
}

/** A reduced value viewed with the reduced axes kept as 1, so it broadcasts against the input. */
export function withKeptDims(g: GraphBuilder, t: Tensor, x: Tensor, attrs: { axes: readonly number[]; keepDims: boolean }): Tensor {
  return attrs.keepDims ? t : g.reshape(t, keptShape(x.shape, normaliseAxes(attrs.axes, x.shape.length)));
}
