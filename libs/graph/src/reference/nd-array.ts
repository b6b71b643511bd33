/** A dense float64 array for the reference interpreter (int64 values are held as numbers). */
export interface NdArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export function nd(shape: readonly number[], data?: ArrayLike<number>): NdArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(n);
  if (data) {
    if (data.length !== n) throw new Error(`nd: ${data.length} values for shape [${shape.join(', ')}]`);
    out.set(data);
  }
  return { shape: [...shape], data: out };
}

export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** Flat index into `shape` (right-aligned broadcast) of output multi-index `idx`. */
function broadcastIndex(idx: readonly number[], shape: readonly number[], strides: readonly number[]): number {
  const off = idx.length - shape.length;
  let flat = 0;
  for (let i = 0; i < shape.length; i++) if (shape[i] !== 1) flat += idx[i + off] * strides[i];
  return flat;
}

/** Calls `f(outFlat, idx)` for every multi-index of `shape`, in row-major order. */
export function forEachIndex(shape: readonly number[], f: (flat: number, idx: number[]) => void): void {
  const n = shape.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < n; flat++) {
    f(flat, idx);
    for (let i = shape.length - 1; i >= 0; i--) {
      if (++idx[i] < shape[i]) break;
      idx[i] = 0;
    }
  }
}

/** Elementwise map over broadcast inputs. */
export function broadcastMap(inputs: readonly NdArray[], outShape: readonly number[], f: (...v: number[]) => number): NdArray {
  const out = nd(outShape);
  const strides = inputs.map((a) => stridesOf(a.shape));
  const vals = new Array<number>(inputs.length);
  forEachIndex(outShape, (flat, idx) => {
    for (let k = 0; k < inputs.length; k++) vals[k] = inputs[k].data[broadcastIndex(idx, inputs[k].shape, strides[k])];
    out.data[flat] = f(...vals);
  });
  return out;
}

/** Reduction over `axes` with an accumulator. */
export function reduceNd(
  a: NdArray,
  axes: readonly number[],
  keepDims: boolean,
  init: number,
  step: (acc: number, v: number) => number,
  finish: (acc: number, count: number) => number = (acc) => acc,
): NdArray {
  const keptShape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const acc = new Float64Array(keptShape.reduce((x, y) => x * y, 1)).fill(init);
  const ks = stridesOf(keptShape);
  let count = 1;
  for (const ax of axes) count *= a.shape[ax];
  forEachIndex(a.shape, (flat, idx) => {
    let k = 0;
    for (let i = 0; i < idx.length; i++) if (!axes.includes(i)) k += idx[i] * ks[i];
    acc[k] = step(acc[k], a.data[flat]);
  });
  for (let i = 0; i < acc.length; i++) acc[i] = finish(acc[i], count);
  const outShape = keepDims ? keptShape : a.shape.filter((_, i) => !axes.includes(i));
  return { shape: outShape, data: acc };
}

export function transposeNd(a: NdArray, perm: readonly number[]): NdArray {
  const outShape = perm.map((p) => a.shape[p]);
  const out = nd(outShape);
  const s = stridesOf(a.shape);
  forEachIndex(outShape, (flat, idx) => {
    let src = 0;
    for (let i = 0; i < perm.length; i++) src += idx[i] * s[perm[i]];
    out.data[flat] = a.data[src];
  });
  return out;
}
