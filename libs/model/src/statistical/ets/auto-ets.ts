import type { SeriesFit, SeriesForecast } from '../core/series-fit';
import { forecastEts } from './ets-forecast';
import type { EtsParameters } from './ets-filter';
import { fitHoltWinters, type HoltWintersFit } from './ets-holt-winters';
import { fitEtsModel, type EtsModelFit } from './ets-model-fit';
import {
  ADD,
  MAX_SEASON_LENGTH,
  MULT,
  NONE,
  etsCandidates,
  etsLabel,
  parseEtsModel,
  type EtsComponents,
  type EtsModelString,
} from './ets-spec';

/** Options of {@link fitAutoEts}, named as StatsForecast's `AutoETS`. */
export interface AutoEtsOptions {
  /** Error, trend, season letters (A, M, N; Z = select), default `ZZZ`. */
  model?: string;
  /** true: damped trend only; false: undamped only; null (default): both. */
  damped?: boolean | null;
}

/** How the fit was obtained. */
export type AutoEtsMethod = 'ets' | 'holt-winters' | 'constant';

/** A fitted AutoETS model: the {@link SeriesFit} plus what MSTL and ensembles reuse. */
export interface AutoEtsFit extends SeriesFit {
  components: EtsComponents;
  /** Season length the selected model uses (1 when non-seasonal). */
  m: number;
  par: EtsParameters;
  /** AICc of the selected model; null for the short-series and constant fallbacks. */
  aicc: number | null;
  /** One-step fitted values [n]. */
  fitted: Float64Array;
  /** Residual variance σ² (of relative errors for a multiplicative error). */
  sigma2: number;
  /** State after the last point (l, b?, s_1 … s_m). */
  lastState: Float64Array;
  method: AutoEtsMethod;
}

/**
 * AutoETS (R's `forecast::ets` 8.20 with its defaults; StatsForecast's
 * `AutoETS`): fits every allowed ETS model by maximum likelihood and keeps
 * the one with the smallest AICc.
 *
 * Allowed models: error A/M × trend N/A/Ad × season N/A/M minus R's
 * `restrict` rule (no additive error with a multiplicative component) and
 * `allow.multiplicative.trend = FALSE` (a multiplicative trend only when asked
 * for by `model`); multiplicative components only for strictly positive data;
 * seasonal models only for 1 < m <= 24 and n > m (higher frequencies: non-seasonal).
 *
 * Fallbacks, as R where R has one: a constant series gets SES with α = 0.99999
 * (flat forecast, zero-width intervals); a series with n <= parameters + 4
 * gets R's Holt–Winters fallback (Holt or SES, the one with the smaller σ²;
 * a seasonal Holt–Winters when a season was asked for); if no model can be
 * fitted, SES. A requested multiplicative component on data with zeros or
 * negatives becomes additive (R stops there).
 *
 * @throws RangeError when `model` is not a model string.
 * @example
 * const fit = fitAutoEts(y, 12);
 * fit.label; // 'ETS(M,Ad,M)'
 * fit.forecast(12, [80, 95]).mean;
 */
export function fitAutoEts(y: Float64Array, m: number, options: AutoEtsOptions = {}): AutoEtsFit {
  const spec = parseEtsModel(options.model ?? 'ZZZ');
  if (!spec) throw new RangeError(`'model' must be three letters: error A|M|Z, trend N|A|M|Z, season N|A|M|Z, got '${options.model}'`);
  const damped = options.damped ?? null;
  const n = y.length;
  if (n === 0) throw new RangeError(`'y' must have at least 1 point, got 0`);
  if (isConstant(y)) return fromHoltWinters(fitHoltWinters(y, m, { trend: NONE, season: NONE, alpha: 0.99999 })!, y, 'constant');
  const positive = minimum(y) > 0;
  const seasonal = m > 1 && m <= MAX_SEASON_LENGTH && n > m;
  const s = adjustForData(spec, positive, seasonal);
  let npars = 2;
  if (s.trend === 'A' || s.trend === 'M') npars += 2;
  if (s.season === 'A' || s.season === 'M') npars += m;
  if (damped === true) npars += 1;
  if (n <= npars + 4) return shortSeriesFit(y, m, s);
  let best: EtsModelFit | null = null;
  for (const c of etsCandidates(s, damped, { positive, seasonal })) {
    const fit = fitEtsModel(y, m, c);
    if (fit && !Number.isNaN(fit.aicc) && (best === null || fit.aicc < best.aicc)) best = fit;
  }
  if (!best) return shortSeriesFit(y, m, { error: 'A', trend: 'N', season: 'N' });
  return fromEts(best, y);
}

/** Seasonal letters dropped when the data can't carry a season; M becomes A on data that aren't positive. */
function adjustForData(spec: EtsModelString, positive: boolean, seasonal: boolean): EtsModelString {
  const toAdditive = <T extends string>(v: T): T => (!positive && v === 'M' ? ('A' as T) : v);
  return {
    error: toAdditive(spec.error),
    trend: toAdditive(spec.trend),
    season: seasonal ? toAdditive(spec.season) : 'N',
  };
}

/** R's fallback for n <= parameters + 4 (`HoltWintersZZ`). */
function shortSeriesFit(y: Float64Array, m: number, s: EtsModelString): AutoEtsFit {
  const trend = s.trend === 'M' ? MULT : ADD;
  if (s.season === 'A' || s.season === 'M') {
    const fit = fitHoltWinters(y, m, { trend, season: s.season === 'A' ? ADD : MULT });
    if (fit) return fromHoltWinters(fit, y, 'holt-winters');
  }
  const holt = fitHoltWinters(y, m, { trend, season: NONE });
  if ((s.trend === 'A' || s.trend === 'M') && holt) return fromHoltWinters(holt, y, 'holt-winters');
  const ses = fitHoltWinters(y, m, { trend: NONE, season: NONE })!;
  if (s.trend === 'N' && s.season === 'N') return fromHoltWinters(ses, y, 'holt-winters');
  const best = holt && holt.sigma2 < ses.sigma2 ? holt : ses;
  return fromHoltWinters(best, y, 'holt-winters');
}

function fromEts(fit: EtsModelFit, y: Float64Array): AutoEtsFit {
  const n = y.length;
  const fitted = new Float64Array(n);
  for (let t = 0; t < n; t++) fitted[t] = fit.components.error === ADD ? y[t]! - fit.residuals[t]! : y[t]! / (1 + fit.residuals[t]!);
  return build(fit.components, fit.m, fit.par, fit.aicc, fitted, fit.sigma2, fit.lastState, 'ets', y[n - 1]!);
}

function fromHoltWinters(fit: HoltWintersFit, y: Float64Array, method: AutoEtsMethod): AutoEtsFit {
  return build(fit.components, fit.m, fit.par, null, fit.fitted, fit.sigma2, fit.lastState, method, y[y.length - 1]!);
}

function build(
  components: EtsComponents,
  m: number,
  par: EtsParameters,
  aicc: number | null,
  fitted: Float64Array,
  sigma2: number,
  lastState: Float64Array,
  method: AutoEtsMethod,
  lastY: number,
): AutoEtsFit {
  const state = { components, m, par, lastState, sigma2 };
  return {
    label: etsLabel(components),
    components,
    m,
    par,
    aicc,
    fitted,
    sigma2,
    lastState,
    method,
    forecast: (h: number, levels: readonly number[]): SeriesForecast => forecastEts(state, h, levels, lastY),
  };
}

/** R's `is.constant`: `all.equal(y, rep(y[1], n))`, mean relative difference <= 1.5e−8. */
function isConstant(y: Float64Array): boolean {
  let diff = 0;
  let scale = 0;
  for (let t = 0; t < y.length; t++) {
    diff += Math.abs(y[t]! - y[0]!);
    scale += Math.abs(y[t]!);
  }
  diff /= y.length;
  scale /= y.length;
  const rel = Number.isFinite(scale) && scale > 1.5e-8 ? diff / scale : diff;
  return rel <= 1.5e-8;
}

function minimum(y: Float64Array): number {
  let min = Infinity;
  for (let t = 0; t < y.length; t++) if (y[t]! < min) min = y[t]!;
  return min;
}
