/** Component codes as in R's C code: 0 none, 1 additive, 2 multiplicative. */
export const NONE = 0;
export const ADD = 1;
export const MULT = 2;
export type ComponentCode = typeof NONE | typeof ADD | typeof MULT;

/** One ETS model: error, trend and season type, and whether the trend is damped. */
export interface EtsComponents {
  error: typeof ADD | typeof MULT;
  trend: ComponentCode;
  season: ComponentCode;
  damped: boolean;
}

/** Seasonal ETS is fitted only for 1 < m <= 24 (R's `ets` refuses higher frequencies). */
export const MAX_SEASON_LENGTH = 24;

const LETTER = ['N', 'A', 'M'] as const;

/**
 * `ETS(M,Ad,M)`-style label of a model.
 *
 * @example etsLabel({ error: MULT, trend: ADD, season: MULT, damped: true }) // 'ETS(M,Ad,M)'
 */
export function etsLabel(c: EtsComponents): string {
  return `ETS(${LETTER[c.error]},${LETTER[c.trend]}${c.damped ? 'd' : ''},${LETTER[c.season]})`;
}

/** The three letters of a model string such as `ZZZ`, `MAM`, `ANN` (Z = select automatically). */
export interface EtsModelString {
  error: 'A' | 'M' | 'Z';
  trend: 'N' | 'A' | 'M' | 'Z';
  season: 'N' | 'A' | 'M' | 'Z';
}

/**
 * Parses a StatsForecast / R model string; `null` when it is not one.
 *
 * @example parseEtsModel('ZZN') // { error: 'Z', trend: 'Z', season: 'N' }
 */
export function parseEtsModel(model: string): EtsModelString | null {
  const match = /^([AMZ])([NAMZ])([NAMZ])$/.exec(model);
  if (!match) return null;
  return {
    error: match[1] as EtsModelString['error'],
    trend: match[2] as EtsModelString['trend'],
    season: match[3] as EtsModelString['season'],
  };
}

/**
 * Why a fixed model string is forbidden under R's `restrict = TRUE`, or null.
 * R forbids additive error with a multiplicative trend or season (unstable:
 * the error can flip the sign of the state) and ETS(M,M,A).
 */
export function forbiddenCombination(spec: EtsModelString, damped: boolean | null): string | null {
  if (spec.error === 'A' && (spec.trend === 'M' || spec.season === 'M')) return 'additive error with a multiplicative trend or season';
  if (spec.error === 'M' && spec.trend === 'M' && spec.season === 'A') return 'ETS(M,M,A)';
  if (damped === true && spec.trend === 'N') return 'a damped model without trend';
  return null;
}

/** What the data allow, decided once per series. */
export interface CandidateContext {
  /** min(y) > 0: multiplicative components allowed. */
  positive: boolean;
  /** Seasonal models allowed: 1 < m <= 24 and n > m. */
  seasonal: boolean;
  /** R's `allow.multiplicative.trend` (false by default). */
  multiplicativeTrend?: boolean;
}

/**
 * Every model R's `ets` tries for a model string, in R's order (error A then
 * M, trend N A M, season N A M, damped before undamped), minus the forbidden
 * ones: no damping without trend, R's `restrict` rule, no multiplicative error
 * unless the data are positive. A multiplicative trend or season on data that
 * are not positive becomes additive (R would stop instead).
 */
export function etsCandidates(spec: EtsModelString, damped: boolean | null, ctx: CandidateContext): EtsComponents[] {
  const errors = spec.error === 'Z' ? [ADD, MULT] : [spec.error === 'A' ? ADD : MULT];
  const trends = spec.trend === 'Z' ? (ctx.multiplicativeTrend ? [NONE, ADD, MULT] : [NONE, ADD]) : [LETTER.indexOf(spec.trend)];
  let seasons = spec.season === 'Z' ? [NONE, ADD, MULT] : [LETTER.indexOf(spec.season)];
  if (!ctx.seasonal) seasons = [NONE];
  const dampings = damped === null ? [true, false] : [damped];
  const out: EtsComponents[] = [];
  const seen = new Set<string>();
  for (const e0 of errors) {
    for (const t0 of trends) {
      for (const s0 of seasons) {
        for (const d of dampings) {
          // Zeros or negatives: no multiplicative components at all.
          const e = ctx.positive ? e0 : ADD;
          const t = ctx.positive || t0 !== MULT ? t0 : ADD;
          const s = ctx.positive || s0 !== MULT ? s0 : ADD;
          if (t === NONE && d) continue;
          if (e === ADD && (t === MULT || s === MULT)) continue;
          if (e === MULT && t === MULT && s === ADD) continue;
          const c = { error: e as EtsComponents['error'], trend: t as ComponentCode, season: s as ComponentCode, damped: d };
          const key = etsLabel(c);
          if (!seen.has(key)) {
            seen.add(key);
            out.push(c);
          }
        }
      }
    }
  }
  return out;
}
