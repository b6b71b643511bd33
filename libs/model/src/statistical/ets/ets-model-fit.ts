import { nelderMead } from '../optim/nelder-mead';
import { LOWER, UPPER, parametersAllowed, type EstimatedParameters } from './ets-bounds';
import { etsFilter, type EtsParameters } from './ets-filter';
import { etsInitialStates } from './ets-initial-states';
import { MULT, NONE, type EtsComponents } from './ets-spec';

/** One ETS model fitted by maximum likelihood. */
export interface EtsModelFit {
  components: EtsComponents;
  /** Season length the model uses (1 for non-seasonal models). */
  m: number;
  par: EtsParameters;
  /** Initial state (l₀, b₀?, s₀ … s_{m−1}), all m seasons. */
  initialState: Float64Array;
  /** State after the last point (l, b?, s_1 … s_m), s_1 the newest season. */
  lastState: Float64Array;
  /** Residuals [n]: y − ŷ, or (y − ŷ)/ŷ for a multiplicative error. */
  residuals: Float64Array;
  /** −2 log L up to a constant: n log Σe² (+ 2 Σ log|ŷ|). */
  lik: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Estimated parameters: smoothing parameters plus free initial states. */
  parameterCount: number;
  /** Residual variance Σe² / (n − parameterCount), as R's `sigma2`. */
  sigma2: number;
}

/** R's `optim` budget for `ets` and Nelder–Mead's relative tolerance √ε. */
const MAXIT = 2000;
const RELTOL = Math.sqrt(Number.EPSILON);

/** Starting smoothing parameters, R's `initparam` with the default bounds. */
function startingParameters(m: number): EtsParameters {
  const alpha = LOWER[0]! + (0.2 * (UPPER[0]! - LOWER[0]!)) / m;
  const beta = LOWER[1]! + 0.1 * (Math.min(UPPER[1]!, alpha) - LOWER[1]!);
  const gamma = LOWER[2]! + 0.05 * (Math.min(UPPER[2]!, 1 - alpha) - LOWER[2]!);
  const phi = LOWER[3]! + 0.99 * (UPPER[3]! - LOWER[3]!);
  return { alpha, beta, gamma, phi };
}

/**
 * Fits one ETS model as R's `etsmodel`: smoothing parameters and initial
 * states (the last season excepted, it follows from the others) jointly by
 * Nelder–Mead on the likelihood criterion, from R's starting values, inside
 * R's `bounds = "both"` region. `null` when R would give up on this model:
 * starting parameters outside the region, as many parameters as points − 1,
 * a non-finite criterion at the start or at the optimum.
 */
export function fitEtsModel(y: Float64Array, seasonLength: number, c: EtsComponents): EtsModelFit | null {
  const n = y.length;
  const m = c.season === NONE ? 1 : seasonLength;
  const est: EstimatedParameters = { beta: c.trend !== NONE, gamma: c.season !== NONE, phi: c.damped };
  const start = startingParameters(m);
  if (!parametersAllowed(start, est, m)) return null;
  const states0 = etsInitialStates(y, c.trend, c.season, m);
  const nSmooth = 1 + Number(est.beta) + Number(est.gamma) + Number(est.phi);
  const np = nSmooth + states0.length;
  if (np >= n - 1) return null;
  const x0 = new Float64Array(np);
  let k = 0;
  x0[k++] = start.alpha;
  if (est.beta) x0[k++] = start.beta;
  if (est.gamma) x0[k++] = start.gamma;
  if (est.phi) x0[k++] = start.phi;
  x0.set(states0, k);
  const nState = states0.length + (c.season === NONE ? 0 : 1);
  const init = new Float64Array(nState);
  const par: EtsParameters = { ...start, phi: est.phi ? start.phi : 1 };
  const buf = { ring: new Float64Array(m) };
  const firstSeason = c.trend === NONE ? 1 : 2;
  const objective = (x: Float64Array): number => {
    if (!decode(x, par, est, init, nSmooth, firstSeason, m, c.season)) return Infinity;
    if (!parametersAllowed(par, est, m)) return Infinity;
    const lik = etsFilter(y, m, c, par, init, buf);
    if (Number.isNaN(lik)) return Infinity;
    return lik < -1e10 ? -1e10 : lik;
  };
  let best;
  try {
    best = nelderMead(objective, x0, { maxit: MAXIT, reltol: RELTOL });
  } catch {
    return null;
  }
  if (!decode(best.x, par, est, init, nSmooth, firstSeason, m, c.season)) return null;
  const residuals = new Float64Array(n);
  const lastState = new Float64Array(nState);
  const rawLik = etsFilter(y, m, c, par, init, { ring: buf.ring, e: residuals, last: lastState });
  if (!Number.isFinite(rawLik) && !(rawLik === -Infinity)) return null;
  const lik = Math.max(rawLik, -1e10);
  const k1 = np + 1;
  const aic = lik + 2 * k1;
  let sse = 0;
  for (let t = 0; t < n; t++) sse += residuals[t]! * residuals[t]!;
  return {
    components: c,
    m,
    par: { ...par },
    initialState: Float64Array.from(init),
    lastState,
    residuals,
    lik,
    aic,
    aicc: aic + (2 * k1 * (k1 + 1)) / (n - k1 - 1),
    bic: lik + Math.log(n) * k1,
    parameterCount: np,
    sigma2: sse / (n - np),
  };
}

/**
 * Unpacks the optimizer's vector (α, β?, γ?, φ?, l₀, b₀?, s₀ … s_{m−2}) into
 * `par` and the full initial state `init`, adding s_{m−1} = m·[mult] − Σs.
 * False when a multiplicative season would start negative.
 */
function decode(
  x: Float64Array,
  par: EtsParameters,
  est: EstimatedParameters,
  init: Float64Array,
  nSmooth: number,
  firstSeason: number,
  m: number,
  season: number,
): boolean {
  let k = 0;
  par.alpha = x[k++]!;
  if (est.beta) par.beta = x[k++]!;
  if (est.gamma) par.gamma = x[k++]!;
  if (est.phi) par.phi = x[k++]!;
  const free = x.length - nSmooth;
  for (let j = 0; j < free; j++) init[j] = x[nSmooth + j]!;
  if (season === NONE) return true;
  let sum = 0;
  for (let j = firstSeason; j < free; j++) sum += init[j]!;
  init[free] = (season === MULT ? m : 0) - sum;
  if (season === MULT) {
    for (let j = firstSeason; j <= free; j++) if (init[j]! < 0) return false;
  }
  return true;
}
