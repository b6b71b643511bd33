import { ADD, MULT, NONE, type EtsComponents } from './ets-spec';
import type { EtsState } from './ets-state';

/** Forecast means and variances [h] from the analytic formulas. */
export interface EtsMoments {
  mean: Float64Array;
  variance: Float64Array;
}

/**
 * Class 1 (additive error, trend N/A/Ad, season N/A — linear models; Hyndman
 * et al. 2008, §6.4): with x' = Fx + g·e and ŷ = w'x,
 *   μ_j = w' F^{j−1} x_T,   c_j = w' F^{j−1} g,   v_j = σ² (1 + Σ_{i<j} c_i²).
 * F shifts the seasons and carries l + φb; w = (1, φ, 0 … 0, 1).
 * Also returns c_j (class 2 needs it).
 */
export function class1Moments(fit: EtsState, h: number): EtsMoments & { cj: Float64Array } {
  const { components: c, m, par, lastState: x, sigma2 } = fit;
  const p = x.length;
  const phi = c.damped ? par.phi : 1;
  const state = Float64Array.from(x);
  const g = new Float64Array(p);
  g[0] = par.alpha;
  if (c.trend === ADD) g[1] = par.beta;
  if (c.season === ADD) g[c.trend === ADD ? 2 : 1] = par.gamma;
  const mean = new Float64Array(h);
  const variance = new Float64Array(h);
  const cj = new Float64Array(h);
  const scratch = new Float64Array(p);
  let acc = 0;
  for (let j = 0; j < h; j++) {
    mean[j] = observe(state, c, phi, p);
    cj[j] = observe(g, c, phi, p);
    variance[j] = sigma2 * (1 + acc);
    acc += cj[j]! * cj[j]!;
    transition(state, c, phi, m, scratch);
    transition(g, c, phi, m, scratch);
  }
  return { mean, variance, cj };
}

/** w'v with w = (1, φ (trend), 0 … 0, 1 (last season)). */
function observe(v: Float64Array, c: EtsComponents, phi: number, p: number): number {
  let out = v[0]!;
  if (c.trend === ADD) out += phi * v[1]!;
  if (c.season === ADD) out += v[p - 1]!;
  return out;
}

/** v ← F v: l ← l + φb, b ← φb, seasons shift by one with the oldest moved to the front. */
function transition(v: Float64Array, c: EtsComponents, phi: number, m: number, scratch: Float64Array): void {
  if (c.trend === ADD) {
    v[0] = v[0]! + phi * v[1]!;
    v[1] = phi * v[1]!;
  }
  if (c.season === ADD) {
    const s0 = c.trend === ADD ? 2 : 1;
    for (let j = 0; j < m; j++) scratch[j] = v[s0 + j]!;
    v[s0] = scratch[m - 1]!;
    for (let j = 1; j < m; j++) v[s0 + j] = scratch[j - 1]!;
  }
}

/**
 * Class 2 (multiplicative error, trend N/A/Ad, season N/A; Hyndman et al.
 * 2008, §6.5): θ_1 = μ_1², θ_j = μ_j² + σ² Σ_{i<j} c_i² θ_{j−i},
 * v_j = (1 + σ²) θ_j − μ_j².
 */
export function class2Moments(fit: EtsState, h: number): EtsMoments {
  const { sigma2 } = fit;
  const linear = class1Moments({ ...fit, components: { ...fit.components, error: ADD } }, h);
  const { mean, cj } = linear;
  const theta = new Float64Array(h);
  const variance = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    let s = 0;
    for (let i = 0; i < j; i++) s += cj[i]! * cj[i]! * theta[j - 1 - i]!;
    theta[j] = mean[j]! * mean[j]! + sigma2 * s;
    variance[j] = (1 + sigma2) * theta[j]! - mean[j]! * mean[j]!;
  }
  return { mean, variance };
}

/** Sparse matrix as triplets. */
interface Sparse {
  r: number[];
  c: number[];
  v: number[];
}

/** A ⊗ B of two small dense matrices given as row arrays, kept sparse. */
function kron(a: number[][], b: number[][]): Sparse {
  const out: Sparse = { r: [], c: [], v: [] };
  const pb = b.length;
  a.forEach((row, ar) =>
    row.forEach((av, ac) => {
      if (av === 0) return;
      b.forEach((brow, br) =>
        brow.forEach((bv, bc) => {
          if (bv === 0) return;
          out.r.push(ar * pb + br);
          out.c.push(ac * pb + bc);
          out.v.push(av * bv);
        }),
      );
    }),
  );
  return out;
}

function sum(a: Sparse, b: Sparse): Sparse {
  return { r: [...a.r, ...b.r], c: [...a.c, ...b.c], v: [...a.v, ...b.v] };
}

/** out += w · S V Tᵀ for sparse S, T and dense V [d, d]; tmp [d, d] is scratch. */
function addSandwich(out: Float64Array, w: number, s: Sparse, v: Float64Array, t: Sparse, d: number, tmp: Float64Array): void {
  tmp.fill(0);
  // tmp = S V.
  for (let k = 0; k < s.v.length; k++) {
    const r = s.r[k]! * d;
    const c = s.c[k]! * d;
    const sv = s.v[k]!;
    for (let j = 0; j < d; j++) tmp[r + j] += sv * v[c + j]!;
  }
  // out += w · tmp Tᵀ: column T.r of the result gets T.v · column T.c of tmp.
  for (let k = 0; k < t.v.length; k++) {
    const r = t.r[k]!;
    const c = t.c[k]!;
    const tv = w * t.v[k]!;
    for (let i = 0; i < d; i++) out[i * d + r] += tv * tmp[i * d + c]!;
  }
}

/**
 * Class 3 (multiplicative error and season, trend N/A/Ad; Hyndman et al.
 * 2008, §6.6, R's `class3`): the state splits into the level part x₁ (l, b)
 * and the seasons x₂; M = x₁x₂' and V = Var(vec M) follow
 *   M' = F₁MF₂' + σ² G₁MG₂',
 *   V' = F₂₁VF₂₁' + σ² (F₂₁VG₂₁' + G₂₁VF₂₁' + K(V + vv')K' + σ² G₂₁(3V + 2vv')G₂₁'),
 * with F₂₁ = F₂⊗F₁, G₂₁ = G₂⊗G₁, K = G₂⊗F₁ + F₂⊗G₁, v = vec M, and
 * μ_j = H₁MH₂', v_j = (1 + σ²) H₂₁VH₂₁' + σ² μ_j². Kronecker factors are
 * sparse, so a step costs O(m²) instead of O(m³).
 */
export function class3Moments(fit: EtsState, h: number): EtsMoments {
  const { components: c, m, par, lastState: x, sigma2 } = fit;
  const p1 = c.trend === NONE ? 1 : 2;
  const phi = c.damped ? par.phi : 1;
  const F1 =
    p1 === 1
      ? [[1]]
      : [
          [1, 1],
          [0, phi],
        ];
  const G1 =
    p1 === 1
      ? [[par.alpha]]
      : [
          [par.alpha, par.alpha],
          [par.beta, par.beta],
        ];
  const F2: number[][] = Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j) => (i === 0 ? (j === m - 1 ? 1 : 0) : j === i - 1 ? 1 : 0)),
  );
  const G2: number[][] = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === 0 && j === m - 1 ? par.gamma : 0)));
  const F21 = kron(F2, F1);
  const G21 = kron(G2, G1);
  const K = sum(kron(G2, F1), kron(F2, G1));
  const d = p1 * m;
  // vec M: column-major, M[i][j] at i + p1·j.
  let M: Float64Array = new Float64Array(d);
  for (let j = 0; j < m; j++) for (let i = 0; i < p1; i++) M[i + p1 * j] = x[i]! * x[p1 + j]!;
  let V = new Float64Array(d * d);
  let Vn = new Float64Array(d * d);
  const A = new Float64Array(d * d);
  const B = new Float64Array(d * d);
  const tmp = new Float64Array(d * d);
  const mean = new Float64Array(h);
  const variance = new Float64Array(h);
  const last = (m - 1) * p1;
  for (let step = 0; step < h; step++) {
    let mu = 0;
    for (let i = 0; i < p1; i++) mu += M[last + i]!;
    let hv = 0;
    for (let i = 0; i < p1; i++) for (let j = 0; j < p1; j++) hv += V[(last + i) * d + last + j]!;
    mean[step] = mu;
    variance[step] = (1 + sigma2) * hv + sigma2 * mu * mu;
    // A = V + vv', B = 3V + 2vv'.
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const vv = M[i]! * M[j]!;
        A[i * d + j] = V[i * d + j]! + vv;
        B[i * d + j] = 3 * V[i * d + j]! + 2 * vv;
      }
    }
    Vn.fill(0);
    addSandwich(Vn, 1, F21, V, F21, d, tmp);
    addSandwich(Vn, sigma2, F21, V, G21, d, tmp);
    addSandwich(Vn, sigma2, G21, V, F21, d, tmp);
    addSandwich(Vn, sigma2, K, A, K, d, tmp);
    addSandwich(Vn, sigma2 * sigma2, G21, B, G21, d, tmp);
    [V, Vn] = [Vn, V];
    M = nextMean(M, F1, G1, F2, G2, p1, m, sigma2);
  }
  return { mean, variance };
}

/** M' = F₁ M F₂' + σ² G₁ M G₂' on the column-major vec of M [p1, m]. */
function nextMean(
  M: Float64Array,
  F1: number[][],
  G1: number[][],
  F2: number[][],
  G2: number[][],
  p1: number,
  m: number,
  sigma2: number,
): Float64Array {
  const out = new Float64Array(p1 * m);
  for (let i = 0; i < p1; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let a = 0; a < p1; a++) {
        for (let b = 0; b < m; b++) {
          const mab = M[a + p1 * b]!;
          if (mab === 0) continue;
          s += F1[i]![a]! * mab * F2[j]![b]! + sigma2 * G1[i]![a]! * mab * G2[j]![b]!;
        }
      }
      out[i + p1 * j] = s;
    }
  }
  return out;
}

/** Which analytic formula applies, as R's `forecast.ets`; null: simulate. */
export function momentClass(c: EtsComponents): 1 | 2 | 3 | null {
  const linearTrend = c.trend !== MULT;
  if (c.error === ADD && linearTrend && c.season !== MULT) return 1;
  if (c.error === MULT && linearTrend && c.season !== MULT) return 2;
  if (c.error === MULT && linearTrend && c.season === MULT) return 3;
  return null;
}
