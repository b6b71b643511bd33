/**
 * Q0, the stationary covariance of the ARMA part of R's state vector — what
 * R's `getQ0` (Gardner, Harvey & Phillips 1980) solves for — computed in
 * O(r³) instead of Gardner's O(r⁶), which is what makes seasonal models with
 * r = p + mP ≈ 50 affordable. The state (length r = max(p, q + 1)) evolves as
 * α_t = T α_{t−1} + R e_t with T = [φ | shifted I], R = (1, θ_1, …, θ_{r−1}), and
 *   α_t[j] = Σ_{k=j}^{r−1} (φ_{k+1} y_{t−1−k+j} + θ_k e_{t−k+j}),  y_t = α_t[0].
 * So, with autocovariances γ and ψ-weights of the ARMA (σ² = 1),
 *   Q0[0][j] = Σ_{l=j}^{r−1} (φ_{l+1} γ_{l−j+1} + θ_l ψ_{l−j}),
 * and the rest follows from Q0 = T Q0 Tᵀ + R Rᵀ entry by entry:
 *   Q0[i][j] = φ_{i+1} φ_{j+1} γ_0 + φ_{i+1} Q0[0][j+1] + φ_{j+1} Q0[0][i+1] + Q0[i+1][j+1] + θ_i θ_j.
 * The autocovariances solve γ_k − Σ_i φ_i γ_{|k−i|} = Σ_{j=k}^{q} θ_j ψ_{j−k}, k = 0..p.
 */
export class StationaryCovariance {
  private readonly psi: Float64Array;
  private readonly gamma: Float64Array;
  private readonly rhs: Float64Array;
  private readonly system: Float64Array;
  private readonly row0: Float64Array;

  constructor(
    private readonly p: number,
    private readonly q: number,
  ) {
    const r = Math.max(p, q + 1);
    const len = Math.max(p, q, r) + 2;
    this.psi = new Float64Array(len);
    this.gamma = new Float64Array(len);
    this.rhs = new Float64Array(len);
    this.system = new Float64Array((p + 1) * (p + 1));
    this.row0 = new Float64Array(r + 1);
  }

  /**
   * Writes Q0 [r, r] into `out` (column-major with leading dimension `ld`).
   * Returns false when the AR part is (numerically) non-stationary.
   */
  compute(phi: Float64Array, theta: Float64Array, out: Float64Array, ld: number): boolean {
    const { p, q } = this;
    const r = Math.max(p, q + 1);
    if (!this.firstColumn(phi, theta)) return false;
    const row0 = this.row0;
    for (let j = 0; j < r; j++) {
      out[j * ld] = row0[j]!;
      out[j] = row0[j]!;
    }
    const g0 = this.gamma[0]!;
    const ph = (k: number): number => (k >= 1 && k <= p ? phi[k - 1]! : 0);
    const th = (k: number): number => (k === 0 ? 1 : k <= q ? theta[k - 1]! : 0);
    for (let i = r - 1; i >= 1; i--) {
      for (let j = r - 1; j >= i; j--) {
        const next = i + 1 < r && j + 1 < r ? out[i + 1 + (j + 1) * ld]! : 0;
        const v = ph(i + 1) * ph(j + 1) * g0 + ph(i + 1) * row0[j + 1]! + ph(j + 1) * row0[i + 1]! + next + th(i) * th(j);
        out[i + j * ld] = v;
        out[j + i * ld] = v;
      }
    }
    for (let j = 0; j < r; j++) for (let i = 0; i < r; i++) if (!Number.isFinite(out[i + j * ld]!)) return false;
    return true;
  }

  /**
   * Only the first column Q0[·][0] (= Cov(y_t, α_t)), which is all the
   * Chandrasekhar filter needs; read it from {@link column0}. False when the
   * AR part is (numerically) non-stationary.
   */
  firstColumn(phi: Float64Array, theta: Float64Array): boolean {
    const { p, q } = this;
    const r = Math.max(p, q + 1);
    const top = Math.max(p, q, r);
    // ψ_j = θ_j + Σ_{i=1}^{min(j,p)} φ_i ψ_{j−i}
    const psi = this.psi;
    for (let j = 0; j <= top; j++) {
      let v = j === 0 ? 1 : j <= q ? theta[j - 1]! : 0;
      const imax = Math.min(j, p);
      for (let i = 1; i <= imax; i++) v += phi[i - 1]! * psi[j - i]!;
      psi[j] = v;
    }
    // c_k = Σ_{j=k}^{q} θ_j ψ_{j−k}
    const c = this.rhs;
    for (let k = 0; k <= top; k++) {
      let v = 0;
      for (let j = k; j <= q; j++) v += (j === 0 ? 1 : theta[j - 1]!) * psi[j - k]!;
      c[k] = v;
    }
    if (!this.solveAutocovariances(phi)) return false;
    const gamma = this.gamma;
    for (let k = p + 1; k <= r; k++) {
      let v = c[k]!;
      for (let i = 1; i <= p; i++) v += phi[i - 1]! * gamma[k - i]!;
      gamma[k] = v;
    }
    // Q0[0][j] = Σ_{l=j}^{r−1} (φ_{l+1} γ_{l−j+1} + θ_l ψ_{l−j})
    const row0 = this.row0;
    for (let j = 0; j < r; j++) {
      let v = 0;
      for (let l = j; l < Math.min(p, r); l++) v += phi[l]! * gamma[l - j + 1]!;
      for (let l = j; l <= Math.min(q, r - 1); l++) v += (l === 0 ? 1 : theta[l - 1]!) * psi[l - j]!;
      row0[j] = v;
      if (!Number.isFinite(v)) return false;
    }
    row0[r] = 0;
    return gamma[0]! > 0;
  }

  /** Q0[·][0] after {@link firstColumn} ([r]). */
  get column0(): Float64Array {
    return this.row0;
  }

  /** γ_0..γ_p from the (p+1)-equation Yule–Walker-type system, Gaussian elimination with partial pivoting. */
  private solveAutocovariances(phi: Float64Array): boolean {
    const p = this.p;
    const n = p + 1;
    const A = this.system;
    const b = this.gamma;
    A.fill(0);
    for (let k = 0; k < n; k++) {
      A[k * n + k] = 1;
      for (let i = 1; i <= p; i++) {
        const l = Math.abs(k - i);
        A[k * n + l] = A[k * n + l]! - phi[i - 1]!;
      }
      b[k] = this.rhs[k]!;
    }
    for (let col = 0; col < n; col++) {
      let pivot = col;
      for (let row = col + 1; row < n; row++) if (Math.abs(A[row * n + col]!) > Math.abs(A[pivot * n + col]!)) pivot = row;
      if (!(Math.abs(A[pivot * n + col]!) > 1e-300)) return false;
      if (pivot !== col) {
        for (let k = 0; k < n; k++) {
          const t = A[col * n + k]!;
          A[col * n + k] = A[pivot * n + k]!;
          A[pivot * n + k] = t;
        }
        const t = b[col]!;
        b[col] = b[pivot]!;
        b[pivot] = t;
      }
      const diag = A[col * n + col]!;
      for (let row = col + 1; row < n; row++) {
        const f = A[row * n + col]! / diag;
        if (f === 0) continue;
        for (let k = col; k < n; k++) A[row * n + k] = A[row * n + k]! - f * A[col * n + k]!;
        b[row] = b[row]! - f * b[col]!;
      }
    }
    for (let row = n - 1; row >= 0; row--) {
      let v = b[row]!;
      for (let k = row + 1; k < n; k++) v -= A[row * n + k]! * b[k]!;
      b[row] = v / A[row * n + row]!;
    }
    return true;
  }
}
