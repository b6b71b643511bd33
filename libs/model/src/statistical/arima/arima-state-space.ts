import { StationaryCovariance } from './stationary-covariance';

/** R's `kappa`: prior variance of the differencing states (diffuse start). */
const KAPPA = 1e6;

/**
 * R's ARIMA state-space form (`makeARIMA`) with the Kalman filter of
 * `ARIMA_Like` and the predictor of `KalmanForecast`, on preallocated arrays
 * so that a likelihood evaluation allocates nothing. State [rd]: the ARMA
 * part (r = max(p, q + 1)) then d + mD lagged undifferenced values;
 *   y_t = α_t[0] + Σ δ_i α_t[r+i],  α_t = T α_{t−1} + R e_t,
 * with Var α_0 = diag(Q0, κ I) (Gardner et al. 1980 for Q0; κ = 1e6).
 * Matrices are column-major [rd, rd].
 */
export class ArimaStateSpace {
  readonly r: number;
  readonly rd: number;
  readonly a: Float64Array;
  readonly P: Float64Array;
  readonly Pn: Float64Array;
  /** Sums of the last {@link filter}: Σ v_t²/F_t, Σ log F_t and the count, over non-diffuse steps (F_t < 1e4). */
  ssq = 0;
  sumlog = 0;
  nu = 0;
  private readonly anew: Float64Array;
  private readonly M: Float64Array;
  private readonly mm: Float64Array;
  private readonly q0: StationaryCovariance;

  constructor(
    readonly phi: Float64Array,
    readonly theta: Float64Array,
    readonly delta: Float64Array,
  ) {
    this.r = Math.max(phi.length, theta.length + 1);
    this.rd = this.r + delta.length;
    const rd = this.rd;
    this.a = new Float64Array(rd);
    this.P = new Float64Array(rd * rd);
    this.Pn = new Float64Array(rd * rd);
    this.anew = new Float64Array(rd);
    this.M = new Float64Array(rd);
    this.mm = new Float64Array(rd * rd);
    this.q0 = new StationaryCovariance(phi.length, theta.length);
  }

  /**
   * Resets the state for the current `phi`/`theta` (R's `upARIMA`): a = 0,
   * Pn = diag(Q0, κ I). False when Q0 does not exist (non-stationary AR).
   */
  reset(): boolean {
    const { r, rd, Pn } = this;
    this.a.fill(0);
    this.P.fill(0);
    Pn.fill(0);
    let ok = true;
    if (r > 1) ok = this.q0.compute(this.phi, this.theta, Pn, rd);
    else Pn[0] = this.phi.length > 0 ? 1 / (1 - this.phi[0]! * this.phi[0]!) : 1;
    for (let i = r; i < rd; i++) Pn[i + rd * i] = KAPPA;
    return ok && Number.isFinite(Pn[0]!) && Pn[0]! > 0;
  }

  /**
   * Runs the filter over `y` (R's `ARIMA_Like`), leaving the filtered state
   * in `a`, `P`. Standardised innovations v_t/√F_t go to `resid` when given.
   */
  filter(y: Float64Array, resid: Float64Array | null): void {
    const { r, rd, a, P, Pn, anew, M, delta } = this;
    const d = delta.length;
    let ssq = 0;
    let sumlog = 0;
    let nu = 0;
    for (let l = 0; l < y.length; l++) {
      this.predictState(a, anew);
      if (l > 0) this.predictCovariance(P, Pn);
      const yl = y[l]!;
      if (!Number.isNaN(yl)) {
        const res = yl - this.observe(anew);
        for (let i = 0; i < rd; i++) {
          let tmp = Pn[i]!;
          for (let j = 0; j < d; j++) tmp += Pn[i + (r + j) * rd]! * delta[j]!;
          M[i] = tmp;
        }
        let gain = M[0]!;
        for (let j = 0; j < d; j++) gain += delta[j]! * M[r + j]!;
        if (gain < 1e4) {
          nu++;
          ssq += (res * res) / gain;
          sumlog += Math.log(gain);
        }
        if (resid) resid[l] = res / Math.sqrt(gain);
        const k = res / gain;
        for (let i = 0; i < rd; i++) a[i] = anew[i]! + M[i]! * k;
        for (let j = 0; j < rd; j++) {
          const mj = M[j]! / gain;
          const col = j * rd;
          for (let i = 0; i < rd; i++) P[i + col] = Pn[i + col]! - M[i]! * mj;
        }
      } else {
        a.set(anew);
        P.set(Pn);
        if (resid) resid[l] = NaN;
      }
    }
    this.ssq = ssq;
    this.sumlog = sumlog;
    this.nu = nu;
  }

  /**
   * h-step forecasts from the filtered state (R's `KalmanForecast`):
   * mean[k] = Z a_{T+k}, variance[k] = Z P_{T+k} Zᵀ in units of σ².
   * Advances a copy of the state; the model is left as it was.
   */
  forecast(h: number, mean: Float64Array, variance: Float64Array): void {
    const { r, rd, delta } = this;
    const a = Float64Array.from(this.a);
    const P = Float64Array.from(this.P);
    const anew = new Float64Array(rd);
    const Pnew = new Float64Array(rd * rd);
    for (let l = 0; l < h; l++) {
      this.predictState(a, anew);
      a.set(anew);
      mean[l] = this.observe(a);
      this.predictCovariance(P, Pnew);
      P.set(Pnew);
      // Z P Zᵀ with Z = (1, 0…0, δ)
      let v = 0;
      for (let i = 0; i < rd; i++) {
        const zi = i === 0 ? 1 : i >= r ? delta[i - r]! : 0;
        if (zi === 0) continue;
        for (let j = 0; j < rd; j++) {
          const zj = j === 0 ? 1 : j >= r ? delta[j - r]! : 0;
          if (zj !== 0) v += zi * zj * P[i + j * rd]!;
        }
      }
      variance[l] = v;
    }
  }

  /**
   * anew = T a: the ARMA block shifts up and adds φ a[0]; the first
   * differencing state becomes Z a = a[0] + Σ δ_i a[r+i], the others shift down.
   */
  private predictState(a: Float64Array, anew: Float64Array): void {
    const { r, rd, phi, delta } = this;
    const p = phi.length;
    for (let i = 0; i < r; i++) {
      let tmp = i < r - 1 ? a[i + 1]! : 0;
      if (i < p) tmp += phi[i]! * a[0]!;
      anew[i] = tmp;
    }
    if (delta.length > 0) {
      for (let i = r + 1; i < rd; i++) anew[i] = a[i - 1]!;
      anew[r] = this.observe(a);
    }
  }

  /** The observation of state `a`: Z a = a[0] + Σ δ_i a[r+i]. */
  private observe(a: Float64Array): number {
    const { r, delta } = this;
    let z = a[0]!;
    for (let i = 0; i < delta.length; i++) z += delta[i]! * a[r + i]!;
    return z;
  }

  /** Pnew = T P Tᵀ + R Rᵀ, using the sparsity of T (R's `ARIMA_Like` step). */
  private predictCovariance(P: Float64Array, Pnew: Float64Array): void {
    const { r, rd, phi, theta, delta, mm } = this;
    const p = phi.length;
    const q = theta.length;
    const d = delta.length;
    if (d === 0) {
      const p00 = P[0]!;
      for (let i = 0; i < r; i++) {
        const vi = i === 0 ? 1 : i - 1 < q ? theta[i - 1]! : 0;
        const phii = i < p ? phi[i]! : 0;
        for (let j = 0; j < r; j++) {
          let tmp = j === 0 ? vi : j - 1 < q ? vi * theta[j - 1]! : 0;
          const phij = j < p ? phi[j]! : 0;
          tmp += phii * phij * p00;
          if (i < r - 1 && j < r - 1) tmp += P[i + 1 + r * (j + 1)]!;
          if (j < r - 1) tmp += phii * P[j + 1]!;
          if (i < r - 1) tmp += phij * P[i + 1]!;
          Pnew[i + r * j] = tmp;
        }
      }
      return;
    }
    // mm = T P
    for (let j = 0; j < rd; j++) {
      const col = rd * j;
      const p0j = P[col]!;
      for (let i = 0; i < r; i++) {
        let tmp = 0;
        if (i < p) tmp += phi[i]! * p0j;
        if (i < r - 1) tmp += P[i + 1 + col]!;
        mm[i + col] = tmp;
      }
      let tmp = p0j;
      for (let k = 0; k < d; k++) tmp += delta[k]! * P[r + k + col]!;
      mm[r + col] = tmp;
      for (let i = 1; i < d; i++) mm[r + i + col] = P[r + i - 1 + col]!;
    }
    // Pnew = mm Tᵀ
    for (let i = 0; i < r; i++) {
      const phii = i < p ? phi[i]! : 0;
      for (let j = 0; j < rd; j++) {
        let tmp = phii * mm[j]!;
        if (i < r - 1) tmp += mm[rd * (i + 1) + j]!;
        Pnew[j + rd * i] = tmp;
      }
    }
    for (let j = 0; j < rd; j++) {
      let tmp = mm[j]!;
      for (let k = 0; k < d; k++) tmp += delta[k]! * mm[rd * (r + k) + j]!;
      Pnew[rd * r + j] = tmp;
    }
    for (let i = 1; i < d; i++) for (let j = 0; j < rd; j++) Pnew[rd * (r + i) + j] = mm[rd * (r + i - 1) + j]!;
    // Pnew += (1, θ)(1, θ)ᵀ
    for (let i = 0; i <= q; i++) {
      const vi = i === 0 ? 1 : theta[i - 1]!;
      for (let j = 0; j <= q; j++) Pnew[i + rd * j] = Pnew[i + rd * j]! + vi * (j === 0 ? 1 : theta[j - 1]!);
    }
  }
}
