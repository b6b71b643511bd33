import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Typed access to `r-golden.json`, the reference results of R's `forecast`
 * package on a fixed set of series (written by `tools/reference/forecast-golden.R`,
 * see `tools/reference/README.md`). For tests only: golden values for the
 * statistical models come from here, never from our own output.
 *
 * Key names are R's (`auto_arima`, `lo80`, `initstate`); every number is a
 * JSON number, except scalars R left non-finite (`aicc` of a perfect fit is
 * `-Inf` in R), which are `null`. Forecast arrays hold `h` finite numbers.
 * @internal
 */

/** Point forecast and the 80 % / 95 % prediction intervals, `h` values each. */
export interface RInterval {
  mean: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
}

/** What R raised instead of a fit, e.g. for a 3-point series. */
export interface RError {
  error: string;
}

/** `ets(y)` with default arguments. */
export interface REts extends RInterval {
  /** `fit$method`, e.g. `ETS(M,Ad,M)`; `Simple exponential smoothing` for a constant series (R's `ses` path). */
  method: string;
  components: { error: string; trend: string; season: string; damped: boolean };
  alpha: number | null;
  beta: number | null;
  gamma: number | null;
  phi: number | null;
  /** `fit$par`: smoothing parameters then the optimised initial states `l, b, s0..s(m-2)` (the last seasonal state is implied). */
  par: Record<string, number | null>;
  /** `fit$initstate`: `l, b, s1..sm` with all m seasonal states, `s1` the most recent. */
  initstate: Record<string, number | null>;
  loglik: number | null;
  aic: number | null;
  aicc: number | null;
  bic: number | null;
  sigma2: number | null;
  mse: number | null;
}

/** `auto.arima(y)` with default arguments. */
export interface RArima extends RInterval {
  /** R's label, e.g. `ARIMA(1,1,0)(0,1,0)[12]` or `ARIMA(0,0,0) with non-zero mean`. */
  method: string;
  /** `arimaorder(fit)`: p, d, q and, for a seasonal ts, P, D, Q, Frequency. */
  order: { p: number; d: number; q: number; P?: number; D?: number; Q?: number; Frequency?: number };
  include_mean: boolean;
  include_drift: boolean;
  /** `coef(fit)`: ar1.., ma1.., sar1.., sma1.., intercept, drift. */
  coef: Record<string, number | null>;
  sigma2: number | null;
  loglik: number | null;
  aic: number | null;
  aicc: number | null;
  bic: number | null;
}

/** `thetaf(y, h)`: SES with drift on the seasonally adjusted series. */
export interface RTheta extends RInterval {
  alpha: number | null;
  drift: number | null;
  sigma: number | null;
}

/** `croston(y, h)` (alpha fixed at 0.1, R's default). */
export interface RCroston {
  mean: number[];
  alpha: number;
}

/** `mstl(msts(y, periods))`, `forecast()` of it and `stlf()`, each with defaults. */
export interface RMstl {
  seasonal_periods: number[];
  /** Columns of the decomposition: `Data`, `Trend`, `Seasonal<p>` per period, `Remainder`. */
  components: Record<string, number[]>;
  forecast: RInterval;
  stlf: RInterval;
}

/** One series of the fixture with R's results. */
export interface RGoldenSeries {
  name: string;
  source: string;
  m: number;
  h: number;
  y: number[];
  ets: REts | RError;
  auto_arima: RArima | RError;
  thetaf: RTheta | RError;
  croston: RCroston | RError;
  /** Only for series with m >= 12 and more than two seasons. */
  mstl?: RMstl | RError;
}

/** The whole fixture. */
export interface RGolden {
  generator: string;
  r_version: string;
  forecast_version: string;
  levels: number[];
  series: Record<string, RGoldenSeries>;
}

let cached: RGolden | undefined;

/**
 * The parsed fixture (read once per process).
 * @example
 * const air = rGolden().series['air_passengers']!;
 * const ets = rResult(air, 'ets'); // ets.method === 'ETS(M,Ad,M)'
 */
export function rGolden(): RGolden {
  cached ??= JSON.parse(readFileSync(path.join(__dirname, 'r-golden.json'), 'utf8')) as RGolden;
  return cached;
}

/** True when R raised an error for this method on this series. */
export function isRError(entry: object): entry is RError {
  return 'error' in entry;
}

type Method = 'ets' | 'auto_arima' | 'thetaf' | 'croston' | 'mstl';
type Result<K extends Method> = Exclude<NonNullable<RGoldenSeries[K]>, RError>;

/**
 * R's successful result of `method` on `series`; throws, naming both, when R
 * failed or the method was not run on that series.
 */
export function rResult<K extends Method>(series: RGoldenSeries, method: K): Result<K> {
  const entry = series[method];
  if (entry === undefined) throw new Error(`r-golden: '${method}' was not run on series '${series.name}'`);
  if (isRError(entry)) throw new Error(`r-golden: R's '${method}' failed on series '${series.name}': ${entry.error}`);
  return entry as Result<K>;
}
