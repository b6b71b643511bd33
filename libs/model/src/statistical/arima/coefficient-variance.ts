/**
 * Whether R would report a usable `var.coef` for a fit: R computes
 * var = Aᵀ (n H)⁻¹ A (H the numeric Hessian of the objective, A the Jacobian
 * of the parameter transform) with `solve`, which stops on a matrix whose
 * reciprocal condition number is below ε, and `auto.arima` rejects fits with
 * a negative variance (`checkarima`). Both reject over-parameterised models.
 * H and A are row-major [k, k]; A = null means the identity.
 */
export function coefficientVarianceOk(H: Float64Array, k: number, nUsed: number, A: Float64Array | null): boolean {
  if (k === 0) return true;
  const inv = invert(H, k, nUsed);
  if (!inv) return false;
  for (let c = 0; c < k; c++) {
    // diag_c = a_cᵀ (nH)⁻¹ a_c, a_c the c-th column of A
    let v = 0;
    for (let i = 0; i < k; i++) {
      const ai = A ? A[i * k + c]! : i === c ? 1 : 0;
      if (ai === 0) continue;
      for (let j = 0; j < k; j++) {
        const aj = A ? A[j * k + c]! : j === c ? 1 : 0;
        v += ai * inv[i * k + j]! * aj;
      }
    }
    if (Number.isNaN(v) || v < 0) return false;
  }
  return true;
}

/** (s H)⁻¹ by Gauss–Jordan with partial pivoting; null when 1/(‖sH‖₁ ‖(sH)⁻¹‖₁) < ε (R's `solve` refuses those). */
function invert(H: Float64Array, k: number, s: number): Float64Array | null {
  const a = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) a[i] = H[i]! * s;
  const norm = oneNorm(a, k);
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) inv[i * k + i] = 1;
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let row = col + 1; row < k; row++) if (Math.abs(a[row * k + col]!) > Math.abs(a[pivot * k + col]!)) pivot = row;
    const pv = a[pivot * k + col]!;
    if (!(Math.abs(pv) > 0) || !Number.isFinite(pv)) return null;
    if (pivot !== col) {
      for (let j = 0; j < k; j++) {
        let t = a[col * k + j]!;
        a[col * k + j] = a[pivot * k + j]!;
        a[pivot * k + j] = t;
        t = inv[col * k + j]!;
        inv[col * k + j] = inv[pivot * k + j]!;
        inv[pivot * k + j] = t;
      }
    }
    for (let j = 0; j < k; j++) {
      a[col * k + j] = a[col * k + j]! / pv;
      inv[col * k + j] = inv[col * k + j]! / pv;
    }
    for (let row = 0; row < k; row++) {
      if (row === col) continue;
      const f = a[row * k + col]!;
      if (f === 0) continue;
      for (let j = 0; j < k; j++) {
        a[row * k + j] = a[row * k + j]! - f * a[col * k + j]!;
        inv[row * k + j] = inv[row * k + j]! - f * inv[col * k + j]!;
      }
    }
  }
  const rcond = 1 / (norm * oneNorm(inv, k));
  return rcond >= Number.EPSILON ? inv : null;
}

function oneNorm(a: Float64Array, k: number): number {
  let best = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += Math.abs(a[i * k + j]!);
    best = Math.max(best, s);
  }
  return best;
}
