/** ȳ = Σ y_t / n, summed in index order (NaN for an empty series). */
export function sampleMean(y: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < y.length; t++) sum += y[t]!;
  return sum / y.length;
}

/** Σ (y_t − mean)², summed in index order: n − 1 times the sample variance when `mean` is ȳ. */
export function sumOfSquaredDeviations(y: Float64Array, mean: number): number {
  let ss = 0;
  for (let t = 0; t < y.length; t++) ss += (y[t]! - mean) ** 2;
  return ss;
}
