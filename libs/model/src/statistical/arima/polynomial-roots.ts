/**
 * Complex roots of c_0 + c_1 z + … + c_n z^n (c_n ≠ 0) by the Durand–Kerner
 * (Weierstrass) iteration z_i ← z_i − P(z_i) / (c_n Π_{j≠i} (z_i − z_j)).
 * Used on the short MA polynomials of R's `maInvert` (degree ≤ max.q), where
 * it converges to machine precision in a few dozen sweeps.
 */
export function polynomialRoots(c: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = c.length - 1;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  if (n < 1) return { re, im };
  const lead = c[n]!;
  // Start on a circle of the Cauchy bound's size, off the real axis.
  let bound = 0;
  for (let i = 0; i < n; i++) bound = Math.max(bound, Math.abs(c[i]! / lead));
  const radius = 1 + bound;
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i) / n + 0.4;
    re[i] = radius * Math.cos(angle);
    im[i] = radius * Math.sin(angle);
  }
  for (let sweep = 0; sweep < 500; sweep++) {
    let change = 0;
    for (let i = 0; i < n; i++) {
      const zr = re[i]!;
      const zi = im[i]!;
      // P(z) by Horner, monic: divide by the leading coefficient.
      let pr = 1;
      let pi = 0;
      for (let k = n - 1; k >= 0; k--) {
        const nr = pr * zr - pi * zi + c[k]! / lead;
        pi = pr * zi + pi * zr;
        pr = nr;
      }
      // Q = Π (z_i − z_j)
      let qr = 1;
      let qi = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const dr = zr - re[j]!;
        const di = zi - im[j]!;
        const nr = qr * dr - qi * di;
        qi = qr * di + qi * dr;
        qr = nr;
      }
      const den = qr * qr + qi * qi;
      if (den === 0) continue;
      const stepR = (pr * qr + pi * qi) / den;
      const stepI = (pi * qr - pr * qi) / den;
      re[i] = zr - stepR;
      im[i] = zi - stepI;
      change = Math.max(change, Math.hypot(stepR, stepI) / Math.max(1, Math.hypot(zr, zi)));
    }
    if (change < 1e-15) break;
  }
  return { re, im };
}
