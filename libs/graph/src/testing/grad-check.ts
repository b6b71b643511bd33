import type { GraphBuilder } from '../builder/graph-builder';
import { gradients } from '../autodiff/gradients';
import { specialise } from '../compile/specialize';
import type { Tensor } from '../ir/node';
import { Xoshiro128 } from '../init/xoshiro128';
import { interpret } from '../reference/interpret';
import { nd, type NdArray } from '../reference/nd-array';

/** Result of {@link gradCheck}: the worst mismatch between analytic and numeric gradients. */
export interface GradCheckResult {
  readonly maxError: number;
  readonly worst: string;
  readonly checked: number;
}

/**
 * Finite-difference gradient check in float64: projects `output` on a random
 * tensor (loss = Σ output ⊙ r), differentiates with the VJP rules and compares
 * with central differences, element by element, for every tensor in `wrt`.
 * Error per element: |analytic − numeric| / (atol + rtol·|numeric|); ≤ 1 passes.
 */
export function gradCheck(
  source: GraphBuilder,
  output: Tensor,
  feeds: Readonly<Record<string, NdArray>>,
  wrt: readonly Tensor[],
  options: { eps?: number; atol?: number; rtol?: number; mode?: 'train' | 'eval'; seed?: number } = {},
): GradCheckResult {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-6;
  const rtol = options.rtol ?? 1e-5;
  const g0 = source.clone();
  const shape = output.shape as number[];
  const rng = new Xoshiro128(options.seed ?? 7, 'gradcheck');
  const r = g0.constant(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform() * 2 - 1),
    shape,
  );
  const projected = g0.mul(output, r);
  const loss0 =
    shape.length === 0
      ? projected
      : g0.reduceSum(
          projected,
          shape.map((_, i) => i),
        );
  const sp = specialise(g0, options.mode ?? 'eval', [loss0]);
  const g = sp.graph;
  const loss = sp.map(loss0);
  const targets = wrt.map((t) => sp.map(t));
  const grads = gradients(g, loss, targets);
  const values = (t: Tensor) =>
    feeds[t.name] ?? nd(t.shape as number[], g.node(t).kind === 'param' ? (g.node(t) as { init: Float32Array }).init : undefined);
  const base: Record<string, NdArray> = { ...feeds };
  for (const t of targets) base[t.name] = values(t);
  const analytic = interpret(g, base, grads, { mode: options.mode });
  let maxError = 0;
  let worst = '';
  let checked = 0;
  targets.forEach((t, k) => {
    const x = base[t.name];
    for (let i = 0; i < x.data.length; i++) {
      const bump = (delta: number) => {
        const data = Float64Array.from(x.data);
        data[i] += delta;
        return interpret(g, { ...base, [t.name]: { shape: x.shape, data } }, [loss], { mode: options.mode })[0].data[0];
      };
      const numeric = (bump(eps) - bump(-eps)) / (2 * eps);
      const a = analytic[k].data[i];
      const err = Math.abs(a - numeric) / (atol + rtol * Math.abs(numeric));
      checked++;
      if (!(err <= maxError)) {
        maxError = Number.isNaN(err) ? Infinity : err;
        worst = `${t.name}[${i}]: analytic ${a}, numeric ${numeric}`;
      }
    }
  });
  return { maxError, worst, checked };
}
