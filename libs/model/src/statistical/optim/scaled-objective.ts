/**
 * An objective on scaled parameters b = par / parscale, as R's `optim` sees
 * it (`fminfn` / `fmingr`): the value f(b · parscale) and its
 * central-difference gradient with step `ndeps` on b. BFGS and the Hessian
 * behind the ARIMA coefficient variances both differentiate it this way.
 * @internal
 */
export class ScaledObjective {
  private readonly x: Float64Array;

  constructor(
    private readonly fn: (par: Float64Array) => number,
    private readonly scale: Float64Array,
    private readonly ndeps: number,
  ) {
    this.x = new Float64Array(scale.length);
  }

  /** f(b · parscale). */
  value(b: Float64Array): number {
    for (let i = 0; i < b.length; i++) this.x[i] = b[i]! * this.scale[i]!;
    return this.fn(this.x);
  }

  /**
   * out_i = (f(b + h e_i) − f(b − h e_i)) / 2h, coordinate by coordinate, b
   * restored after each. Stops at the first non-finite entry and returns its
   * index; −1 when all are finite.
   */
  gradient(b: Float64Array, out: Float64Array): number {
    const h = this.ndeps;
    for (let i = 0; i < b.length; i++) {
      const bi = b[i]!;
      b[i] = bi + h;
      const up = this.value(b);
      b[i] = bi - h;
      const down = this.value(b);
      b[i] = bi;
      out[i] = (up - down) / (2 * h);
      if (!Number.isFinite(out[i]!)) return i;
    }
    return -1;
  }

  /** par = b · parscale, a new array. */
  parameters(b: Float64Array): Float64Array {
    return Float64Array.from(b, (v, i) => v * this.scale[i]!);
  }
}
