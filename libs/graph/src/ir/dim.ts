import { GraphError } from './graph-error';

/**
 * One dimension of a tensor shape: a static size, or a symbolic size such as
 * `'B'` (batch) or a product of symbols `'B*T'` (kept sorted, so equal products
 * compare equal as strings). Symbolic sizes are bound from the feeds at run time.
 */
export type Dim = number | string;

/** A tensor shape, outermost axis first, e.g. `['B', 48]`. */
export type Shape = readonly Dim[];

/** Element types the graph knows: float32 for values, int64 for indices. */
export type DType = 'float32' | 'int64';

/** `[B, 48]` — the form every error message and the printed graph use. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Splits a dim into its static factor and its sorted symbols. */
export function factorDim(dim: Dim): { size: number; symbols: string[] } {
  if (typeof dim === 'number') return { size: dim, symbols: [] };
  let size = 1;
  const symbols: string[] = [];
  for (const part of dim.split('*')) {
    const n = Number(part);
    if (Number.isInteger(n) && part.trim() !== '') size *= n;
    else symbols.push(part.trim());
  }
  return { size, symbols: symbols.sort() };
}

/** Builds a dim back from a static factor and symbols (`6, ['B']` → `'6*B'`). */
export function makeDim(size: number, symbols: readonly string[]): Dim {
  if (symbols.length === 0) return size;
  const sorted = [...symbols].sort();
  return size === 1 ? sorted.join('*') : [String(size), ...sorted].join('*');
}

/** Product of dims, symbolic where needed. */
export function productOf(dims: Shape): Dim {
  let size = 1;
  const symbols: string[] = [];
  for (const d of dims) {
    const f = factorDim(d);
    size *= f.size;
    symbols.push(...f.symbols);
  }
  return makeDim(size, symbols);
}

/** Validates a user-given shape: integers >= 0 or non-empty symbol names. */
export function checkShape(shape: Shape, what: string): void {
  for (const d of shape) {
    const ok = typeof d === 'number' ? Number.isInteger(d) && d >= 0 : /^[A-Za-z_][\w]*(\*[A-Za-z_0-9][\w]*)*$/.test(d);
    if (!ok)
      throw new GraphError(
        `${what}: shape ${formatShape(shape)} has an invalid dim '${String(d)}' (expected an integer >= 0 or a symbol like 'B')`,
      );
  }
}

/** True when every dim is a number. */
export function isStatic(shape: Shape): shape is readonly number[] {
  return shape.every((d) => typeof d === 'number');
}

/** Number of elements of a static shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Numpy broadcasting of two shapes (right-aligned; a dim of 1 stretches).
 * Returns a message instead of a shape when they do not broadcast.
 */
export function broadcastShapes(a: Shape, b: Shape): Dim[] | string {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da === db || db === 1) out.push(da);
    else if (da === 1) out.push(db);
    else return `shapes do not broadcast: a ${formatShape(a)} vs b ${formatShape(b)} (axis ${i} of the result: ${da} vs ${db})`;
  }
  return out;
}

/** Normalises a possibly negative axis against a rank; message on failure. */
export function normaliseAxis(axis: number, rank: number): number | string {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) return `axis ${axis} is out of range for rank ${rank}`;
  return axis < 0 ? axis + rank : axis;
}
