/**
 * A batch of windows in preallocated buffers: input part `y`/`mask` `[count, L]`,
 * forecast part `target`/`targetMask` `[count, h]` (row-major). Mask 1 = a real
 * point, 0 = padding.
 */
export interface WindowBatch {
  readonly count: number;
  readonly y: Float32Array;
  readonly mask: Float32Array;
  readonly target: Float32Array;
  readonly targetMask: Float32Array;
}

/** Window geometry shared by training, validation and inference. */
export interface WindowShape {
  /** Input points per window (L). */
  readonly inputSize: number;
  /** Forecast points per window (h). */
  readonly h: number;
}

/** Allocates a batch of `capacity` windows. */
export function allocateWindows(capacity: number, shape: WindowShape): WindowBatch {
  return {
    count: capacity,
    y: new Float32Array(capacity * shape.inputSize),
    mask: new Float32Array(capacity * shape.inputSize),
    target: new Float32Array(capacity * shape.h),
    targetMask: new Float32Array(capacity * shape.h),
  };
}

/** The first `count` windows of `batch`, as views (no copy). */
export function firstWindows(batch: WindowBatch, count: number, shape: WindowShape): WindowBatch {
  if (count === batch.count) return batch;
  return {
    count,
    y: batch.y.subarray(0, count * shape.inputSize),
    mask: batch.mask.subarray(0, count * shape.inputSize),
    target: batch.target.subarray(0, count * shape.h),
    targetMask: batch.targetMask.subarray(0, count * shape.h),
  };
}

/**
 * The inference input of the exported-model contract: the last `inputSize`
 * values of each series, left-padded with zeros (mask 0) when shorter.
 */
export function lastWindows(series: readonly ArrayLike<number>[], inputSize: number): { y: Float32Array; mask: Float32Array } {
  const y = new Float32Array(series.length * inputSize);
  const mask = new Float32Array(series.length * inputSize);
  series.forEach((values, i) => {
    const take = Math.min(inputSize, values.length);
    const offset = i * inputSize + inputSize - take;
    for (let t = 0; t < take; t++) {
      y[offset + t] = values[values.length - take + t];
      mask[offset + t] = 1;
    }
  });
  return { y, mask };
}
