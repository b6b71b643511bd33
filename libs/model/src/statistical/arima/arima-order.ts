/**
 * An ARIMA(p,d,q)(P,D,Q)[m] order. Coefficient vectors of a fit are laid out
 * as R's `arima`: [ar1..ar_p, ma1..ma_q, sar1..sar_P, sma1..sma_Q, xreg].
 */
export interface ArimaOrder {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  /** Season length (1 when non-seasonal). */
  m: number;
}

/** Number of ARMA coefficients p + q + P + Q. */
export function armaCount(o: ArimaOrder): number {
  return o.p + o.q + o.P + o.Q;
}

/**
 * Coefficients of the differencing polynomial as R's `Delta`: with
 * (1 − B)^d (1 − B^m)^D = 1 − Σ δ_i B^i, returns δ [d + mD].
 */
export function differencingDelta(o: ArimaOrder): Float64Array {
  let poly = [1];
  const times = (other: number[]): void => {
    const out = new Array<number>(poly.length + other.length - 1).fill(0);
    for (let i = 0; i < poly.length; i++) for (let j = 0; j < other.length; j++) out[i + j]! += poly[i]! * other[j]!;
    poly = out;
  };
  for (let i = 0; i < o.d; i++) times([1, -1]);
  const seasonal = new Array<number>(o.m + 1).fill(0);
  seasonal[0] = 1;
  seasonal[o.m] = -1;
  for (let i = 0; i < o.D; i++) times(seasonal);
  return Float64Array.from(poly.slice(1), (v) => -v);
}

/** R's label, e.g. `ARIMA(2,1,1)(0,1,0)[12]`, plus ` with drift` / ` with non-zero mean`. */
export function arimaLabel(o: ArimaOrder, constant: boolean): string {
  let s = `ARIMA(${o.p},${o.d},${o.q})`;
  if (o.m > 1 && o.P + o.D + o.Q > 0) s += `(${o.P},${o.D},${o.Q})[${o.m}]`;
  const diffs = o.d + o.D;
  if (constant && diffs === 0) s += ' with non-zero mean';
  else if (constant && diffs === 1) s += ' with drift';
  else if (!constant && diffs === 0) s += ' with zero mean';
  return s;
}
