import { boundedNelderMead } from '../optim/bounded-nelder-mead';
import { cesCalc, cesComponents, cesInitialStates, type CesParameters, type CesSeasonType, type CesStates } from './ces-filter';

/** One CES model fitted to a series. */
export interface CesModelFit {
  type: CesSeasonType;
  parameters: CesParameters;
  states: CesStates;
  /** One-step errors e [n] of the final forward pass. */
  residuals: Float64Array;
  /** AICc with −2 log L = n log Σ e² (constants dropped, as StatsForecast) and k + 1 parameters, k the state columns. */
  aicc: number;
  /** σ² = Σ e² / (n − k − 2). */
  sigma2: number;
}

/**
 * Start and bounds of the free smoothing parameters (StatsForecast
 * `initparamces` and `optimize_ces_target_fn`): a0 = 1.3 ∈ [0.01, 1.8],
 * a1 = 1 ∈ [0.01, 1.9]; P adds b0 = 0.1, F adds b0 = 1.3 and b1 = 1, each in
 * [0.01, 1.5].
 */
function startAndBounds(type: CesSeasonType): { x0: number[]; lower: number[]; upper: number[] } {
  const x0 = type === 'P' ? [1.3, 1, 0.1] : type === 'F' ? [1.3, 1, 1.3, 1] : [1.3, 1];
  const upper = [1.8, 1.9, 1.5, 1.5].slice(0, x0.length);
  return { x0, lower: x0.map(() => 0.01), upper };
}

function parameters(type: CesSeasonType, x: Float64Array): CesParameters {
  return { a0: x[0]!, a1: x[1]!, b0: type === 'P' || type === 'F' ? x[2]! : NaN, b1: type === 'F' ? x[3]! : NaN };
}

/**
 * Fits one CES model by maximum likelihood: minimises n·log Σ e² of the
 * backfitted filter ({@link cesCalc}) over the complex smoothing parameters
 * with the bounded Nelder–Mead simplex. `m` is ignored by N.
 */
export function fitCesModel(y: Float64Array, m: number, type: CesSeasonType): CesModelFit {
  const n = y.length;
  const yReversed = y.slice().reverse();
  const initial = cesInitialStates(y, m, type);
  const work: CesStates = { ...initial, values: new Float64Array(initial.values.length) };
  const initialRows = initial.lag * initial.k;
  const e = new Float64Array(n);
  const run = (p: CesParameters): number => {
    work.values.fill(0);
    work.values.set(initial.values.subarray(0, initialRows));
    return cesCalc(y, yReversed, work, p, e);
  };
  const { x0, lower, upper } = startAndBounds(type);
  const best = boundedNelderMead((x) => Math.max(run(parameters(type, x)), -1e10), x0, lower, upper);
  const p = parameters(type, best.x);
  const lik = run(p);
  const k = cesComponents(type) + 1;
  let sse = 0;
  for (let t = 0; t < n; t++) sse += e[t]! ** 2;
  const aicc = n - k - 1 > 0 ? lik + 2 * k + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  return { type, parameters: p, states: work, residuals: e, aicc, sigma2: sse / Math.max(1, n - k - 1) };
}
