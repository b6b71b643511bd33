import type { GraphBuilder, Tensor } from '@tsforecast/graph';
import { activate, type Activation } from './activation';

/**
 * The MLP of an NBEATS/NHITS block, layer for layer as NeuralForecast builds
 * it: `Linear(in, units[0][0])` (no activation), then for each `[a, b]` of
 * `units` `Linear(a, b)` + activation (+ dropout), then `Linear(·, nTheta)`.
 * `x: [B, in]` → `[B, nTheta]`.
 */
export function blockMlp(
  g: GraphBuilder,
  x: Tensor,
  units: readonly (readonly number[])[],
  nTheta: number,
  activation: Activation,
  dropout: number,
): Tensor {
  let hidden = g.dense('fc0', x, units[0][0]);
  units.forEach((layer, i) => {
    hidden = activate(g, activation, g.dense(`fc${i + 1}`, hidden, layer[1]));
    if (dropout > 0) hidden = g.dropout(hidden, dropout);
  });
  return g.dense('theta', hidden, nTheta);
}

/** `[L, L]` anti-identity: `x · flip` reverses the last axis (NBEATS/NHITS work on the reversed window). */
export function flipMatrix(length: number): Float64Array {
  const m = new Float64Array(length * length);
  for (let i = 0; i < length; i++) m[i * length + (length - 1 - i)] = 1;
  return m;
}

/** What one NBEATS/NHITS block gives: `backcast: [B, L]`, `forecast: [B, h, Q]`. */
export interface BlockOutput {
  backcast: Tensor;
  forecast: Tensor;
}

/**
 * The doubly residual stacks of NBEATS and NHITS (NeuralForecast's
 * `forward`): the window `z: [B, L]` and its `mask: [B, L]` are reversed; the
 * forecast starts at the last input value; block `b` of stack `s` (scope
 * `stack{s}.block{b}`) maps the residuals to a backcast and a forecast, the
 * residuals become `(residuals − backcast) · mask` and the forecasts add up.
 * `nBlocks[s]` blocks in stack `s`, L = `inputSize`. Returns `[B, h, Q]`.
 */
export function doublyResidualStacks(
  g: GraphBuilder,
  z: Tensor,
  mask: Tensor,
  { inputSize: l, nBlocks }: { readonly inputSize: number; readonly nBlocks: readonly number[] },
  block: (residuals: Tensor, stack: number) => BlockOutput,
): Tensor {
  const flip = g.constant(flipMatrix(l), [l, l]);
  let residuals = g.matmul(z, flip);
  const flippedMask = g.matmul(mask, flip);
  let forecast = g.reshape(g.slice(z, 1, l - 1, l), [z.shape[0], 1, 1]);
  nBlocks.forEach((blocks, s) => {
    for (let b = 0; b < blocks; b++) {
      g.scope(`stack${s}.block${b}`, () => {
        const out = block(residuals, s);
        residuals = g.mul(g.sub(residuals, out.backcast), flippedMask);
        forecast = g.add(forecast, out.forecast);
      });
    }
  });
  return forecast;
}
