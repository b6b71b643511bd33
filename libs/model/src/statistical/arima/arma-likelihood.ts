import { StationaryCovariance } from './stationary-covariance';

/**
 * The objective of the ML search: the exact Gaussian likelihood of the
 * stationary ARMA for the differenced series w = (1 − B)^d (1 − B^m)^D (y − βz),
 *   ½ (log(Σ v_t²/F_t / ν) + Σ log F_t / ν).
 * R filters the undifferenced series with a diffuse (κ = 1e6) prior on the
 * d + mD differencing states; that equals this likelihood up to O(1/κ)
 * (|Δ loglik| ≈ 1e-6 on AirPassengers), with a state r = max(p, q + 1) long
 * instead of r + d + mD.
 *
 * The filter uses the Chandrasekhar recursions (Morf, Sidhu & Kailath 1974)
 * instead of the Riccati update: started at the stationary P_1 = Q0, the
 * change P_{t+1} − P_t = W_t M_t W_tᵀ has rank one, so with k_t = T P_t Zᵀ,
 * F_t = Z P_t Zᵀ, z = Z W_t:
 *   F_{t+1} = F_t + M_t z²,   k_{t+1} = k_t + (T W_t) M_t z,
 *   W_{t+1} = T W_t − k_t z / F_t,   M_{t+1} = M_t − M_t² z² / F_{t+1},
 * starting from W_1 = k_1, M_1 = −1/F_1 — O(r) per step instead of O(r²).
 * The state a_{t+1} = T a_t + k_t v_t / F_t.
 *
 * For an invertible MA the filter converges to P = R Rᵀ (F = 1), where the
 * innovations obey the ARMA recursion v_t = w_t − Σ phi_i w_{t−i} − Σ theta_j v_{t−j};
 * once F stays within 1e-12 of 1 with rank-one updates below 1e-12 for r
 * steps, the filter switches to that recursion over the non-zero lags only
 * (a seasonal model's polynomials are mostly zeros). Allocates nothing per
 * evaluation after the first on a series of a given length.
 */
export class ArmaLikelihood {
  private readonly r: number;
  private readonly a: Float64Array;
  private readonly k: Float64Array;
  private readonly W: Float64Array;
  private readonly single = new Float64Array(2);
  private innovations = new Float64Array(0);
  private readonly lags: Int32Array;
  /** φ padded to r. */
  private readonly phiR: Float64Array;
  private readonly covariance: StationaryCovariance;

  constructor(
    private readonly phi: Float64Array,
    private readonly theta: Float64Array,
  ) {
    const r = Math.max(phi.length, theta.length + 1);
    this.r = r;
    this.a = new Float64Array(r);
    this.k = new Float64Array(r);
    this.W = new Float64Array(r);
    this.phiR = new Float64Array(r);
    this.lags = new Int32Array(phi.length + theta.length);
    this.covariance = new StationaryCovariance(phi.length, theta.length);
  }

  /** The objective for the current `phi`/`theta` on w; `Infinity` when Q0 does not exist. */
  objective(w: Float64Array): number {
    const { r, a, k, W, phiR } = this;
    phiR.fill(0);
    phiR.set(this.phi);
    let q0: Float64Array;
    if (r > 1) {
      if (!this.covariance.firstColumn(this.phi, this.theta)) return Infinity;
      q0 = this.covariance.column0;
    } else {
      q0 = this.single;
      q0[0] = this.phi.length > 0 ? 1 / (1 - this.phi[0]! * this.phi[0]!) : 1;
    }
    let F = q0[0]!;
    if (!(F > 0) || !Number.isFinite(F)) return Infinity;
    // k_1 = T Q0 Zᵀ: (k_1)_i = φ_i Q0_00 + Q0_{i+1,0}
    for (let i = 0; i < r; i++) {
      k[i] = phiR[i]! * F + (i + 1 < r ? q0[i + 1]! : 0);
      W[i] = k[i]!;
      a[i] = 0;
    }
    let M = -1 / F;
    let ssq = 0;
    let sumlog = 0;
    let nu = 0;
    const n = w.length;
    if (this.innovations.length < n) this.innovations = new Float64Array(n);
    const vs = this.innovations;
    let settled = 0;
    let t = 0;
    for (; t < n && settled < r; t++) {
      const v = w[t]! - a[0]!;
      vs[t] = v;
      if (F < 1e4) {
        nu++;
        ssq += (v * v) / F;
        sumlog += Math.log(F);
      }
      // a ← T a + k v / F
      const a0 = a[0]!;
      const g = v / F;
      for (let i = 0; i < r - 1; i++) a[i] = a[i + 1]! + phiR[i]! * a0 + k[i]! * g;
      a[r - 1] = phiR[r - 1]! * a0 + k[r - 1]! * g;
      if (M === 0) continue;
      // Rank-one covariance update (in place: W ← T W − k z / F, k ← k + (T W) M z).
      const z = W[0]!;
      const Fn = F + M * z * z;
      const kz = z / F;
      const mz = M * z;
      const w0 = W[0]!;
      for (let i = 0; i < r; i++) {
        const tw = (i + 1 < r ? W[i + 1]! : 0) + phiR[i]! * w0;
        W[i] = tw - k[i]! * kz;
        k[i] = k[i]! + tw * mz;
      }
      const change = M * z * z;
      M -= (mz * mz) / Fn;
      F = Fn;
      if (!(F > 0)) return Infinity;
      settled = Math.abs(F - 1) <= 1e-12 && Math.abs(change) <= 1e-12 ? settled + 1 : 0;
    }
    if (t < n) {
      const { sum, count } = this.recursion(w, vs, t);
      ssq += sum;
      nu += count;
    }
    if (nu === 0) return NaN;
    return 0.5 * (Math.log(ssq / nu) + sumlog / nu);
  }

  /** Σ v_t² over t ≥ from by the ARMA recursion (F_t = 1), continuing the filter's innovations in `vs`. */
  private recursion(w: Float64Array, vs: Float64Array, from: number): { sum: number; count: number } {
    const { phi, theta, lags } = this;
    let np = 0;
    for (let j = 0; j < phi.length; j++) if (phi[j] !== 0) lags[np++] = j;
    let nq = np;
    for (let j = 0; j < theta.length; j++) if (theta[j] !== 0) lags[nq++] = j;
    let sum = 0;
    for (let t = from; t < w.length; t++) {
      let v = w[t]!;
      for (let i = 0; i < np; i++) {
        const j = lags[i]!;
        v -= phi[j]! * w[t - j - 1]!;
      }
      for (let i = np; i < nq; i++) {
        const j = lags[i]!;
        v -= theta[j]! * vs[t - j - 1]!;
      }
      vs[t] = v;
      sum += v * v;
    }
    return { sum, count: w.length - from };
  }
}
