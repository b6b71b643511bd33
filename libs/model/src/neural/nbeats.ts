import { ConfigError } from '@tsforecast/config';
import type { GraphBuilder, Tensor } from '@tsforecast/graph';
import { choice, randint } from '@tsforecast/hyperparameter';
import { NeuralNetwork } from '../contract/neural-network';
import { trainingDefaults, type TrainingHyperparameters } from '../contract/training-hyperparameters';
import { neuralModelSpec } from './neural-model-spec';
import type { Activation } from './activation';
import { blockMlp, doublyResidualStacks, type BlockOutput } from './block-mlp';

/** Stack kinds of {@link NBEATS}. */
export type NBEATSStack = 'identity' | 'trend' | 'seasonality';

/** Hyperparameters of {@link NBEATS}. */
export interface NBEATSHyperparameters extends TrainingHyperparameters {
  stackTypes: NBEATSStack[];
  nBlocks: number[];
  /** Hidden layers of every block's MLP, `[in, out]` pairs. */
  mlpUnits: number[][];
  /** Harmonics of the seasonality basis. */
  nHarmonics: number;
  /** Degree of the trend polynomial. */
  nPolynomials: number;
  dropoutProbTheta: number;
  activation: Activation;
}

/** NeuralForecast `NBEATS` defaults: identity, trend, seasonality stacks of 1 block; MLP 3×[512, 512]; 2 harmonics; degree 2. */
export function nbeatsDefaults(h: number): NBEATSHyperparameters {
  return {
    ...trainingDefaults(h),
    stackTypes: ['identity', 'trend', 'seasonality'],
    nBlocks: [1, 1, 1],
    mlpUnits: [
      [512, 512],
      [512, 512],
      [512, 512],
    ],
    nHarmonics: 2,
    nPolynomials: 2,
    dropoutProbTheta: 0,
    activation: 'ReLU',
  };
}

/** Polynomial basis rows (t / size)^i, i = 0..degree → `[degree + 1, size]`. */
export function trendBasis(degree: number, size: number): Float64Array {
  const m = new Float64Array((degree + 1) * size);
  for (let i = 0; i <= degree; i++) for (let t = 0; t < size; t++) m[i * size + t] = (t / size) ** i;
  return m;
}

/**
 * Harmonic basis of NBEATS's seasonality stack: frequencies
 * f = [0, harmonics/harmonics, …] (`np.arange(H, H/2·h) / H`), rows cos then sin
 * of ±2π·(t / h)·f (minus sign for the backcast) → `[2·F, size]`.
 */
export function seasonalityBasis(harmonics: number, size: number, h: number, backcast: boolean): { values: Float64Array; rows: number } {
  const freqs = [0];
  for (let v = harmonics; v < (harmonics / 2) * h; v++) freqs.push(v / harmonics);
  const rows = 2 * freqs.length;
  const m = new Float64Array(rows * size);
  const sign = backcast ? -1 : 1;
  freqs.forEach((f, i) => {
    for (let t = 0; t < size; t++) {
      const angle = sign * 2 * Math.PI * (t / h) * f;
      m[i * size + t] = Math.cos(angle);
      m[(freqs.length + i) * size + t] = Math.sin(angle);
    }
  });
  return { values: m, rows };
}

/**
 * N-BEATS (Oreshkin et al., ICLR 2020): doubly residual stacks of MLP blocks
 * on the reversed window, each projecting onto a basis — identity (generic),
 * polynomial trend or harmonic seasonality. The forecast starts at the last
 * input value, as NeuralForecast's.
 */
export class NBEATS extends NeuralNetwork<NBEATSHyperparameters> {
  readonly name = 'NBEATS';

  body(g: GraphBuilder, z: Tensor, mask: Tensor, outputs: number): Tensor {
    const hp = this.hyperparameters;
    const l = hp.inputSize;
    const h = this.h;
    if (hp.nBlocks.length !== hp.stackTypes.length)
      throw new ConfigError(`'nBlocks' must have one entry per stack (${hp.stackTypes.length}), got ${hp.nBlocks.length}`);
    const batch = z.shape[0];
    return doublyResidualStacks(g, z, mask, hp, (residuals, s): BlockOutput => {
      const type = hp.stackTypes[s];
      if (type === 'identity') {
        const theta = blockMlp(g, residuals, hp.mlpUnits, l + outputs * h, hp.activation, hp.dropoutProbTheta);
        return { backcast: g.slice(theta, 1, 0, l), forecast: g.reshape(g.slice(theta, 1, l, l + outputs * h), [batch, h, outputs]) };
      }
      const back =
        type === 'trend'
          ? { values: trendBasis(hp.nPolynomials, l), rows: hp.nPolynomials + 1 }
          : seasonalityBasis(hp.nHarmonics, l, h, true);
      const fore =
        type === 'trend'
          ? { values: trendBasis(hp.nPolynomials, h), rows: hp.nPolynomials + 1 }
          : seasonalityBasis(hp.nHarmonics, h, h, false);
      const p = back.rows;
      if (type !== 'trend' && type !== 'seasonality')
        throw new ConfigError(`'stackTypes' entries must be identity, trend or seasonality, got '${String(type)}'`);
      const theta = blockMlp(g, residuals, hp.mlpUnits, p * (outputs + 1), hp.activation, hp.dropoutProbTheta);
      // backcast = θ_b · basis_b; forecast[b, t, q] = Σ_p θ_f[b, p, q] · basis_f[p, t]
      const backcast = g.matmul(g.slice(theta, 1, 0, p), g.constant(back.values, [p, l]));
      const thetaF = g.transpose(g.reshape(g.slice(theta, 1, p, p * (outputs + 1)), [batch, p, outputs]), [0, 2, 1]);
      return { backcast, forecast: g.transpose(g.matmul(thetaF, g.constant(fore.values, [p, h])), [0, 2, 1]) };
    });
  }
}

/** Registration of {@link NBEATS}. */
export const nbeatsSpec = neuralModelSpec('NBEATS', NBEATS, {
  description: 'Neural Basis Expansion Analysis: doubly residual MLP stacks with identity, trend and seasonality bases.',
  defaults: nbeatsDefaults,
  // NeuralForecast `AutoNBEATS`: the MLP width of every stack and the seasonality harmonics.
  searchSpace: {
    mlpUnits: choice('mlpUnits', [
      [
        [512, 512],
        [512, 512],
        [512, 512],
      ],
      [
        [256, 256],
        [256, 256],
        [256, 256],
      ],
    ]),
    nHarmonics: randint('nHarmonics', 1, 3),
  },
});
