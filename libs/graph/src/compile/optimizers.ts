import type { GraphBuilder } from '../builder/graph-builder';
import { ConfigError } from '@tsforecast/config';
import type { Tensor } from '../ir/node';

/**
 * Optimizers, with PyTorch's update formulas (`torch.optim.Adam`, `AdamW`, `SGD`).
 * Adam's `weightDecay` is L2 (added to the gradient); AdamW's is decoupled.
 */
export type OptimizerSpec =
  | { readonly kind: 'adam'; readonly beta1?: number; readonly beta2?: number; readonly eps?: number; readonly weightDecay?: number }
  | { readonly kind: 'adamw'; readonly beta1?: number; readonly beta2?: number; readonly eps?: number; readonly weightDecay?: number }
  | {
      readonly kind: 'sgd';
      readonly momentum?: number;
      readonly dampening?: number;
      readonly nesterov?: boolean;
      readonly weightDecay?: number;
    };

/** One optimizer state tensor of a parameter (Adam's m and v, SGD's momentum buffer). */
export interface OptimizerSlot {
  readonly input: Tensor;
  readonly next: Tensor;
}

/** The in-graph update of one parameter. */
export interface ParameterUpdate {
  readonly next: Tensor;
  readonly slots: readonly OptimizerSlot[];
}

function check(name: string, value: number, lo: number, hi: number, loOpen = false): number {
  const ok = (loOpen ? value > lo : value >= lo) && value < hi;
  if (!ok) throw new ConfigError(`optimizer '${name}' must be in ${loOpen ? '(' : '['}${lo}, ${hi}), got ${value}`);
  return value;
}

/**
 * Appends the update of parameter `p: [...]` with gradient `grad: [...]` to `g`.
 * `lr: []` and `step: []` (1-based, for bias correction) are graph inputs.
 */
export function updateParameter(
  g: GraphBuilder,
  spec: OptimizerSpec,
  name: string,
  p: Tensor,
  grad: Tensor,
  lr: Tensor,
  step: Tensor,
): ParameterUpdate {
  const wd = check('weightDecay', spec.weightDecay ?? (spec.kind === 'adamw' ? 0.01 : 0), 0, Infinity);
  const slot = (kind: string) => g.input(`optim.${kind}.${name}`, p.shape);
  if (spec.kind === 'sgd') {
    const momentum = check('momentum', spec.momentum ?? 0, 0, Infinity);
    const dampening = check('dampening', spec.dampening ?? 0, 0, Infinity);
    // d_p = g + wd·p
    const dp = wd > 0 ? g.add(grad, g.mul(p, wd)) : grad;
    if (momentum === 0) return { next: g.sub(p, g.mul(dp, lr)), slots: [] };
    // buf = d_p on the first step, else μ·buf + (1 − τ)·d_p
    const buf = slot('momentum');
    const first = g.compare(step, 'le', 1);
    const nextBuf = g.add(g.mul(buf, g.where(first, 0, momentum)), g.mul(dp, g.where(first, 1, 1 - dampening)));
    const direction = spec.nesterov ? g.add(dp, g.mul(nextBuf, momentum)) : nextBuf;
    return { next: g.sub(p, g.mul(direction, lr)), slots: [{ input: buf, next: nextBuf }] };
  }
  const beta1 = check('beta1', spec.beta1 ?? 0.9, 0, 1);
  const beta2 = check('beta2', spec.beta2 ?? 0.999, 0, 1);
  const eps = check('eps', spec.eps ?? 1e-8, 0, Infinity);
  const m = slot('m');
  const v = slot('v');
  // Adam: g ← g + wd·p (L2).  AdamW: p ← p·(1 − lr·wd) (decoupled).
  const gradient = spec.kind === 'adam' && wd > 0 ? g.add(grad, g.mul(p, wd)) : grad;
  const decayed = spec.kind === 'adamw' && wd > 0 ? g.mul(p, g.sub(1, g.mul(lr, wd))) : p;
  // m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²
  const nextM = g.add(g.mul(m, beta1), g.mul(gradient, 1 - beta1));
  const nextV = g.add(g.mul(v, beta2), g.mul(g.mul(gradient, gradient), 1 - beta2));
  // p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
  const stepSize = g.div(lr, g.sub(1, g.pow(beta1, step)));
  const bc2Sqrt = g.sqrt(g.sub(1, g.pow(beta2, step)));
  const denom = g.add(g.div(g.sqrt(nextV), bc2Sqrt), eps);
  const next = g.sub(decayed, g.mul(g.div(nextM, denom), stepSize));
  return {
    next,
    slots: [
      { input: m, next: nextM },
      { input: v, next: nextV },
    ],
  };
}
