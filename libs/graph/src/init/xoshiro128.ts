// Local bindings, not `Math.imul` in the loops: in jest's VM realm each lookup
// of a global (`Math`) goes through the context's interceptor, ~200× slower
// than a local, and weight initialisation draws millions of numbers.
const { imul, sqrt, log, sin, cos, PI } = Math;

/**
 * Seeded PRNG: xoshiro128** seeded through splitmix32. Same seed, same
 * sequence, on every platform (only 32-bit integer ops, `Math.imul`).
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | undefined;

  /** @param seed any integer; `stream` separates independent sequences (e.g. a parameter name). */
  constructor(seed: number, stream = '') {
    let x = (seed | 0) ^ hashString(stream);
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = imul(z ^ (z >>> 16), 0x85ebca6b);
      z = imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = imul(rotl(imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 random bits. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /**
   * Fills `out` with a dropout mask: 0 with probability `p`, else `keep`. Each
   * 32-bit draw decides two elements from its low and high 16 bits
   * (element 2i: low half, 2i + 1: high half; a half u drops when
   * u < round(p·2¹⁶), so p is honoured to 1/65536). One loop over local state,
   * two decisions per draw: ~3.7 ns per element here instead of ~13 ns for a
   * `uniform()` call per element, which matters for the ~12 M mask values of a
   * PatchTST step.
   */
  fillDropoutMask(out: Float32Array, p: number, keep: number): void {
    const threshold = Math.round(p * 65536);
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    const n = out.length;
    for (let i = 0; i < n; i += 2) {
      const r = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
      out[i] = (r & 0xffff) < threshold ? 0 : keep;
      if (i + 1 < n) out[i + 1] = r >>> 16 < threshold ? 0 : keep;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Standard normal (Box–Muller, caching the second value). */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = sqrt(-2 * log(u));
    this.spare = r * sin(2 * PI * v);
    return r * cos(2 * PI * v);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** FNV-1a 32-bit hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h | 0;
}
