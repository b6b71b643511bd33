import { formatShape, normaliseAxis, type Dim, type Shape } from '../ir/dim';
import { fail } from './op-def';

/** Normalised, sorted, unique axes; fails on out-of-range or empty lists. */
export function normaliseAxes(axes: readonly number[], rank: number): number[] {
  if (axes.length === 0) fail('axes must not be empty');
  const out = new Set<number>();
  for (const a of axes) {
    const n = normaliseAxis(a, rank);
    if (typeof n === 'string') fail(n);
    out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

/** Normalised single axis. */
export function axisOf(axis: number, rank: number): number {
  const n = normaliseAxis(axis, rank);
  return typeof n === 'string' ? fail(n) : n;
}

/** The shape with reduced axes kept as 1 (`[B, T, D]`, axes [1] → `[B, 1, D]`). */
export function keptShape(shape: Shape, axes: readonly number[]): Dim[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** Requires a static dim (for slicing, padding, concatenation offsets). */
export function staticDim(shape: Shape, axis: number, what: string): number {
  const d = shape[axis];
  return typeof d === 'number' ? d : fail(`${what} needs a static size on axis ${axis}, got ${formatShape(shape)}`);
}

/** `[start, end)` of a slice after resolving negatives and clamping, as Python does. */
export function sliceBounds(start: number, end: number, dim: number): [number, number] {
  const s = Math.min(Math.max(start < 0 ? start + dim : start, 0), dim);
  const e = Math.min(Math.max(end < 0 ? end + dim : end, 0), dim);
  return [s, e];
}
