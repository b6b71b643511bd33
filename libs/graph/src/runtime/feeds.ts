import type * as ort from 'onnxruntime-node';
import { factorDim, formatShape } from '../ir/dim';
import { DataError } from '@tsforecast/config';
import type { FeedSpec } from '../compile/compiled-types';
import { onnxRuntime } from './onnx-runtime';

/** A value for a graph input: an ORT tensor, or data plus dims. */
export type FeedValue = ort.Tensor | { readonly data: Float32Array | BigInt64Array; readonly dims: readonly number[] };

/** Feeds by input name. */
export type Feeds = Readonly<Record<string, FeedValue>>;

/** Wraps data as an ORT tensor without copying. */
export function toOrtTensor(value: FeedValue): ort.Tensor {
  const { Tensor } = onnxRuntime();
  if (value instanceof Tensor) return value;
  return value.data instanceof BigInt64Array ? new Tensor('int64', value.data, value.dims) : new Tensor('float32', value.data, value.dims);
}

/**
 * Checks feeds against their specs (rank, static dims, dtype, consistent
 * symbols) and returns the ORT tensors and the bound symbol values.
 */
export function bindFeeds(specs: readonly FeedSpec[], feeds: Feeds): { tensors: Record<string, ort.Tensor>; symbols: Map<string, number> } {
  const symbols = new Map<string, number>();
  const tensors: Record<string, ort.Tensor> = {};
  for (const spec of specs) {
    const value = feeds[spec.name];
    if (value === undefined) throw new DataError(`input '${spec.name}' is missing; expected ${spec.dtype} ${formatShape(spec.shape)}`);
    const t = toOrtTensor(value);
    const dtype = t.type === 'float32' ? 'float32' : t.type === 'int64' ? 'int64' : t.type;
    if (dtype !== spec.dtype) throw new DataError(`input '${spec.name}' must be ${spec.dtype}, got ${t.type}`);
    const bad = () => new DataError(`input '${spec.name}' must have shape ${formatShape(spec.shape)}, got ${formatShape(t.dims)}`);
    if (t.dims.length !== spec.shape.length) throw bad();
    spec.shape.forEach((d, i) => {
      const actual = t.dims[i];
      if (typeof d === 'number') {
        if (actual !== d) throw bad();
        return;
      }
      const f = factorDim(d);
      if (f.symbols.length !== 1) return;
      const value = actual / f.size;
      const prev = symbols.get(f.symbols[0]);
      if (!Number.isInteger(value) || (prev !== undefined && prev !== value)) {
        throw new DataError(
          `input '${spec.name}': dim ${i} is ${actual}, but '${d}' is ${prev !== undefined ? prev * f.size : `a multiple of ${f.size}`} elsewhere`,
        );
      }
      symbols.set(f.symbols[0], value);
    });
    tensors[spec.name] = t;
  }
  return { tensors, symbols };
}
