import { ConfigError } from '@tsforecast/config';
import type { GraphBuilder, Tensor } from '@tsforecast/graph';
import { choice } from '@tsforecast/hyperparameter';
import { NeuralNetwork } from '../contract/neural-network';
import { trainingDefaults, type TrainingHyperparameters } from '../contract/training-hyperparameters';
import { neuralModelSpec } from './neural-model-spec';

/** Hyperparameters of {@link TiDE}. */
export interface TiDEHyperparameters extends TrainingHyperparameters {
  /** Units of the dense encoder and decoder MLPs. */
  hiddenSize: number;
  /** Features per horizon step that the dense decoder hands to the temporal decoder. */
  decoderOutputDim: number;
  /** Hidden units of the temporal decoder. */
  temporalDecoderDim: number;
  dropout: number;
  /** LayerNorm on the output of every residual block. */
  layernorm: boolean;
  numEncoderLayers: number;
  numDecoderLayers: number;
}

/**
 * NeuralForecast `TiDE` defaults: hidden 512, decoder output 32, temporal
 * decoder 128, dropout 0.3, layer norm, 1 encoder + 1 decoder layer. Like
 * NeuralForecast's TiDE (and unlike the shared defaults) it keeps the learning
 * rate constant (`num_lr_decays = -1`).
 */
export function tideDefaults(h: number): TiDEHyperparameters {
  return {
    ...trainingDefaults(h),
    numLrDecays: -1,
    hiddenSize: 512,
    decoderOutputDim: 32,
    temporalDecoderDim: 128,
    dropout: 0.3,
    layernorm: true,
    numEncoderLayers: 1,
    numDecoderLayers: 1,
  };
}

function checkTiDE(hp: TiDEHyperparameters): void {
  for (const key of ['hiddenSize', 'decoderOutputDim', 'temporalDecoderDim', 'numEncoderLayers', 'numDecoderLayers'] as const) {
    if (!Number.isSafeInteger(hp[key]) || hp[key] < 1) throw new ConfigError(`'${key}' must be an integer >= 1, got ${hp[key]}`);
  }
  if (!(hp.dropout >= 0 && hp.dropout < 1)) throw new ConfigError(`'dropout' must be in [0, 1), got ${hp.dropout}`);
}

/**
 * TiDE's residual block (NeuralForecast `MLPResidual`):
 * `LayerNorm(drop(lin2(relu(lin1(x)))) + skip(x))`, over the last axis of
 * `x: [..., in]` → `[..., out]`.
 */
export function residualBlock(
  g: GraphBuilder,
  name: string,
  x: Tensor,
  hidden: number,
  out: number,
  dropout: number,
  layernorm: boolean,
): Tensor {
  return g.scope(name, () => {
    const dense = g.dropout(g.dense('lin2', g.relu(g.dense('lin1', x, hidden)), out), dropout);
    const y = g.add(dense, g.dense('skip', x, out));
    return layernorm ? g.layerNorm('norm', y) : y;
  });
}

/**
 * TiDE (Das et al., TMLR 2024), without exogenous inputs: a dense encoder and
 * decoder of residual blocks map the window `[B, L]` to `decoderOutputDim`
 * features per horizon step, a temporal decoder (a residual block shared by
 * the steps) maps each to the outputs, and a global linear skip from the
 * window to the horizon is added.
 *
 * As in NeuralForecast, the temporal decoder's LayerNorm acts over its output
 * axis; with one output per step (point losses) that LayerNorm returns its
 * bias alone, so the forecast is the linear skip plus a learned constant and
 * the encoder and decoder get no gradient. Set `layernorm: false` or use
 * `mqloss` for a network where they matter.
 *
 * @example
 * const network = tideSpec.build(12, { ...tideDefaults(12), inputSize: 24 });
 */
export class TiDE extends NeuralNetwork<TiDEHyperparameters> {
  readonly name = 'TiDE';

  body(g: GraphBuilder, z: Tensor, _mask: Tensor, outputs: number): Tensor {
    const hp = this.hyperparameters;
    checkTiDE(hp);
    const batch = z.shape[0];
    const skip = g.reshape(g.dense('global_skip', z, this.h * outputs), [batch, this.h, outputs]);
    let x = z;
    for (let i = 0; i < hp.numEncoderLayers; i++)
      x = residualBlock(g, `encoder${i}`, x, hp.hiddenSize, hp.hiddenSize, hp.dropout, hp.layernorm);
    for (let i = 0; i < hp.numDecoderLayers; i++) {
      const out = i === hp.numDecoderLayers - 1 ? hp.decoderOutputDim * this.h : hp.hiddenSize;
      x = residualBlock(g, `decoder${i}`, x, hp.hiddenSize, out, hp.dropout, hp.layernorm);
    }
    // x: [B, h·D] → [B, h, D]; the temporal decoder acts on each step's D features.
    const perStep = g.reshape(x, [batch, this.h, hp.decoderOutputDim]);
    const temporal = residualBlock(g, 'temporal_decoder', perStep, hp.temporalDecoderDim, outputs, hp.dropout, hp.layernorm);
    return g.add(temporal, skip);
  }
}

/** Registration of {@link TiDE}. */
export const tideSpec = neuralModelSpec('TiDE', TiDE, {
  description: 'Time-series Dense Encoder: residual MLP encoder/decoder, per-step temporal decoder and a global linear skip.',
  defaults: tideDefaults,
  // NeuralForecast `AutoTiDE`: hidden width and dropout.
  searchSpace: {
    hiddenSize: choice('hiddenSize', [256, 512, 1024] as const),
    dropout: choice('dropout', [0, 0.1, 0.2, 0.3, 0.5] as const),
  },
});
