/**
 * forecast's `is.constant`: `all.equal(x, rep(x[1], n))` with R's default
 * tolerance 1.5e-8 — over the entries that differ from x[1], the mean
 * absolute difference relative to their mean absolute value (absolute when
 * that mean is ≤ the tolerance) must not exceed the tolerance.
 */
export function isConstant(x: ArrayLike<number>): boolean {
  const tol = 1.5e-8;
  const first = x[0]!;
  let diff = 0;
  let size = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === first) continue;
    diff += Math.abs(v - first);
    size += Math.abs(v);
    count++;
  }
  if (count === 0) return true;
  let xy = diff / count;
  const xn = size / count;
  if (Number.isFinite(xn) && xn > tol) xy /= xn;
  return xy <= tol;
}
