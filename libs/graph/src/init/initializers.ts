import { GraphError } from '../ir/graph-error';
import type { InitSpec } from '../ir/node';
import { Xoshiro128 } from './xoshiro128';

/**
 * How a parameter is initialised. Fans follow PyTorch: for a weight
 * `[out, in, k...]`, fan_in = in·k…, fan_out = out·k…; for 1-D tensors give `fanIn`.
 */
export type Init =
  | { kind: 'zeros' }
  | { kind: 'ones' }
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'normal'; mean: number; std: number }
  | { kind: 'xavierUniform'; gain?: number }
  | { kind: 'xavierNormal'; gain?: number }
  | { kind: 'kaimingUniform'; a?: number; mode?: 'fanIn' | 'fanOut' }
  | { kind: 'kaimingNormal'; a?: number; mode?: 'fanIn' | 'fanOut' }
  /** PyTorch `nn.Linear`/`nn.Conv1d` default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias. */
  | { kind: 'torchDefault'; fanIn?: number }
  | { kind: 'values'; values: ArrayLike<number> };

/** Shorthands: `init.torchDefault()`, `init.normal(0, 0.02)`, … */
export const init = {
  zeros: (): Init => ({ kind: 'zeros' }),
  ones: (): Init => ({ kind: 'ones' }),
  constant: (value: number): Init => ({ kind: 'constant', value }),
  uniform: (low: number, high: number): Init => ({ kind: 'uniform', low, high }),
  normal: (mean = 0, std = 1): Init => ({ kind: 'normal', mean, std }),
  xavierUniform: (gain = 1): Init => ({ kind: 'xavierUniform', gain }),
  xavierNormal: (gain = 1): Init => ({ kind: 'xavierNormal', gain }),
  kaimingUniform: (a = 0, mode: 'fanIn' | 'fanOut' = 'fanIn'): Init => ({ kind: 'kaimingUniform', a, mode }),
  kaimingNormal: (a = 0, mode: 'fanIn' | 'fanOut' = 'fanIn'): Init => ({ kind: 'kaimingNormal', a, mode }),
  /** @param fanIn needed for biases (the fan_in of the matching weight). */
  torchDefault: (fanIn?: number): Init => ({ kind: 'torchDefault', fanIn }),
  values: (values: ArrayLike<number>): Init => ({ kind: 'values', values }),
};

/** PyTorch `_calculate_fan_in_and_fan_out`. */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) return { fanIn: shape[0] ?? 1, fanOut: shape[0] ?? 1 };
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

/**
 * Draws initial values: a stream per (seed, parameter name), so adding a
 * parameter never shifts the values of the others.
 */
export function initialValues(
  spec: Init,
  shape: readonly number[],
  seed: number,
  name: string,
): { values: Float32Array; summary: InitSpec } {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  const rng = new Xoshiro128(seed, name);
  const uniform = (lo: number, hi: number): void => {
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rng.uniform();
  };
  const normal = (mean: number, std: number): void => {
    for (let i = 0; i < n; i++) out[i] = mean + std * rng.normal();
  };
  const f = fans(shape);
  switch (spec.kind) {
    case 'zeros':
      return { values: out, summary: { kind: 'zeros', args: {} } };
    case 'ones':
      out.fill(1);
      return { values: out, summary: { kind: 'ones', args: {} } };
    case 'constant':
      out.fill(spec.value);
      return { values: out, summary: { kind: 'constant', args: { value: spec.value } } };
    case 'uniform':
      uniform(spec.low, spec.high);
      return { values: out, summary: { kind: 'uniform', args: { low: spec.low, high: spec.high } } };
    case 'normal':
      normal(spec.mean, spec.std);
      return { values: out, summary: { kind: 'normal', args: { mean: spec.mean, std: spec.std } } };
    case 'xavierUniform': {
      // bound = gain·sqrt(6 / (fan_in + fan_out))
      const bound = (spec.gain ?? 1) * Math.sqrt(6 / (f.fanIn + f.fanOut));
      uniform(-bound, bound);
      return { values: out, summary: { kind: 'xavierUniform', args: { bound } } };
    }
    case 'xavierNormal': {
      const std = (spec.gain ?? 1) * Math.sqrt(2 / (f.fanIn + f.fanOut));
      normal(0, std);
      return { values: out, summary: { kind: 'xavierNormal', args: { std } } };
    }
    case 'kaimingUniform':
    case 'kaimingNormal': {
      // gain = sqrt(2 / (1 + a²)) (leaky_relu), std = gain / sqrt(fan), bound = sqrt(3)·std
      const a = spec.a ?? 0;
      const fan = spec.mode === 'fanOut' ? f.fanOut : f.fanIn;
      const std = Math.sqrt(2 / (1 + a * a)) / Math.sqrt(fan);
      if (spec.kind === 'kaimingUniform') uniform(-Math.sqrt(3) * std, Math.sqrt(3) * std);
      else normal(0, std);
      return { values: out, summary: { kind: spec.kind, args: { std } } };
    }
    case 'torchDefault': {
      const fanIn = spec.fanIn ?? f.fanIn;
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform(-bound, bound);
      return { values: out, summary: { kind: 'torchDefault', args: { bound } } };
    }
    case 'values':
      if (spec.values.length !== n)
        throw new GraphError(`parameter '${name}': init.values has ${spec.values.length} values, expected ${n}`);
      out.set(Array.from(spec.values));
      return { values: out, summary: { kind: 'values', args: {} } };
  }
}
