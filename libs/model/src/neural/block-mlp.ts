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
