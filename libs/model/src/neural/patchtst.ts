import { ConfigError } from '@tsforecast/config';
import { init, type GraphBuilder, type Tensor } from '@tsforecast/graph';
import { choice } from '@tsforecast/hyperparameter';
import { NeuralNetwork } from '../contract/neural-network';
import { trainingDefaults, type TrainingHyperparameters } from '../contract/training-hyperparameters';
import { neuralModelSpec } from './neural-model-spec';

/** Activations of the PatchTST feed-forward sublayer. */
export type PatchTSTActivation = 'gelu' | 'relu';

/** Hyperparameters of {@link PatchTST}. */
export interface PatchTSTHyperparameters extends TrainingHyperparameters {
  encoderLayers: number;
  nHeads: number;
  /** d_model: width of the patch embeddings. */
  hiddenSize: number;
  /** Units of the position-wise feed-forward layer. */
  linearHiddenSize: number;
  /** Residual, projection, feed-forward and embedding dropout. */
  dropout: number;
  /** Dropout on the attention weights. */
  attnDropout: number;
  /** Dropout after the flatten head. */
  headDropout: number;
  /** Patch length; clipped to `inputSize + stride` as NeuralForecast does. */
  patchLen: number;
  stride: number;
  /** Instance normalisation inside the network (RevIN). */
  revin: boolean;
  /** Learnable affine map in RevIN. */
  revinAffine: boolean;
  /** RevIN subtracts the last input value instead of the mean. */
  revinSubtractLast: boolean;
  activation: PatchTSTActivation;
  /** Add each layer's pre-softmax attention scores to the next layer's (RealFormer). */
  resAttention: boolean;
  /** NeuralForecast's `batch_normalization`: normalise before each sublayer (pre-norm) instead of after. */
  batchNormalization: boolean;
}

/**
 * NeuralForecast `PatchTST` defaults: patches of 16 every 8 (end padding),
 * 3 encoder layers, 16 heads, d_model 128, feed-forward 256, dropout 0.2,
 * RevIN subtracting the last value (no affine), GELU, residual attention,
 * BatchNorm post-norm; lr 1e-4, 5000 steps, no lr decay.
 */
export function patchtstDefaults(h: number): PatchTSTHyperparameters {
  return {
    ...trainingDefaults(h),
    learningRate: 1e-4,
    maxSteps: 5000,
    numLrDecays: -1,
    encoderLayers: 3,
    nHeads: 16,
    hiddenSize: 128,
    linearHiddenSize: 256,
    dropout: 0.2,
    attnDropout: 0,
    headDropout: 0,
    patchLen: 16,
    stride: 8,
    revin: true,
    revinAffine: false,
    revinSubtractLast: true,
    activation: 'gelu',
    resAttention: true,
    batchNormalization: false,
  };
}

const REVIN_EPS = 1e-5;

function checkPatchTST(hp: PatchTSTHyperparameters): void {
  for (const key of ['encoderLayers', 'nHeads', 'hiddenSize', 'linearHiddenSize', 'patchLen', 'stride'] as const) {
    if (!Number.isSafeInteger(hp[key]) || hp[key] < 1) throw new ConfigError(`'${key}' must be an integer >= 1, got ${hp[key]}`);
  }
  if (hp.hiddenSize % hp.nHeads !== 0)
    throw new ConfigError(`'hiddenSize' must be divisible by 'nHeads' (${hp.nHeads}), got ${hp.hiddenSize}`);
  for (const key of ['dropout', 'attnDropout', 'headDropout'] as const) {
    if (!(hp[key] >= 0 && hp[key] < 1)) throw new ConfigError(`'${key}' must be in [0, 1), got ${hp[key]}`);
  }
  if (hp.activation !== 'gelu' && hp.activation !== 'relu')
    throw new ConfigError(`'activation' must be gelu or relu, got '${String(hp.activation)}'`);
}

/** Patch count for a window of `inputSize` padded by `stride` at the end: ⌊(L + S − P) / S⌋ + 1. */
export function patchCount(inputSize: number, patchLen: number, stride: number): number {
  return Math.floor((inputSize + stride - patchLen) / stride) + 1;
}

/**
 * `[L, N·P]` selection matrix of the patching: `z · m` = replicate-pad `stride`
 * copies of the last value at the end (`ReplicationPad1d((0, stride))`), then
 * `unfold(size P, step S)`, flattened patch-major. Column n·P + p picks
 * z[min(n·S + p, L − 1)].
 */
export function patchMatrix(inputSize: number, patchLen: number, stride: number): Float64Array {
  const n = patchCount(inputSize, patchLen, stride);
  const m = new Float64Array(inputSize * n * patchLen);
  for (let k = 0; k < n; k++) {
    for (let p = 0; p < patchLen; p++) m[Math.min(k * stride + p, inputSize - 1) * n * patchLen + k * patchLen + p] = 1;
  }
  return m;
}

/**
 * PatchTST (Nie et al., ICLR 2023), channel-independent as in NeuralForecast:
 * RevIN → patches → linear patch embedding + learned positional encoding →
 * Transformer encoder (multi-head self-attention and feed-forward, each with
 * residual dropout and BatchNorm) → flatten head to the horizon → RevIN inverse.
 *
 * @example
 * const network = patchtstSpec.build(12, { ...patchtstDefaults(12), inputSize: 48 });
 */
export class PatchTST extends NeuralNetwork<PatchTSTHyperparameters> {
  readonly name = 'PatchTST';

  body(g: GraphBuilder, z: Tensor, _mask: Tensor, outputs: number): Tensor {
    const hp = this.hyperparameters;
    checkPatchTST(hp);
    const l = hp.inputSize;
    const d = hp.hiddenSize;
    const batch = z.shape[0];
    const patchLen = Math.min(l + hp.stride, hp.patchLen);
    const n = patchCount(l, patchLen, hp.stride);

    // RevIN statistics over the whole window (NeuralForecast's RevIN ignores the availability mask).
    const mean = g.reduceMean(z, [1], true);
    const centred = g.sub(z, mean);
    const stdev = g.sqrt(g.add(g.reduceMean(g.mul(centred, centred), [1], true), REVIN_EPS));
    const shift = hp.revinSubtractLast ? g.slice(z, 1, l - 1, l) : mean;
    const affine =
      hp.revin && hp.revinAffine
        ? g.scope('revin', () => ({ w: g.param('affine_weight', [1], init.ones()), b: g.param('affine_bias', [1], init.zeros()) }))
        : undefined;
    let x = z;
    if (hp.revin) {
      x = g.div(g.sub(z, shift), stdev);
      if (affine) x = g.add(g.mul(x, affine.w), affine.b);
    }

    // [B, L] → [B, N, P] → W_P → [B, N, d], plus the positional encoding (pe='zeros': U(±0.02), learned).
    const patches = g.reshape(g.matmul(x, g.constant(patchMatrix(l, patchLen, hp.stride), [l, n * patchLen])), [batch, n, patchLen]);
    const embedded = g.add(g.dense('W_P', patches, d), g.param('W_pos', [n, d], init.uniform(-0.02, 0.02)));
    let u = g.dropout(embedded, hp.dropout);

    let prevScores: Tensor | undefined;
    for (let i = 0; i < hp.encoderLayers; i++) {
      g.scope(`encoder${i}`, () => {
        const r = encoderLayer(g, u, prevScores, hp, n);
        u = r.out;
        prevScores = hp.resAttention ? r.scores : undefined;
      });
    }

    // Flatten head: [B, N, d] → [B, d, N] → [B, d·N] (NeuralForecast flattens hidden-major) → [B, h·Q].
    const flat = g.reshape(g.transpose(u, [0, 2, 1]), [batch, d * n]);
    let y = g.dropout(g.dense('head', flat, this.h * outputs), hp.headDropout);
    if (hp.revin) {
      // Inverse of the affine map: (y − b) / (w + ε²), as NeuralForecast's RevIN.
      if (affine) y = g.div(g.sub(y, affine.b), g.add(affine.w, REVIN_EPS * REVIN_EPS));
      y = g.add(g.mul(y, stdev), shift);
    }
    return g.reshape(y, [batch, this.h, outputs]);
  }
}

/** BatchNorm1d over the d_model channels of `x: [B, N, d]` (NeuralForecast's `Transpose(1, 2), BatchNorm1d, Transpose(1, 2)`, without the transposes). */
function channelBatchNorm(g: GraphBuilder, name: string, x: Tensor): Tensor {
  return g.batchNorm(name, x, { channelsLast: true });
}

/**
 * One post-norm (or pre-norm) Transformer encoder layer on `src: [B, N, d]`.
 * Returns the output and the pre-softmax scores `[B, H, N, N]` that residual
 * attention adds to the next layer's.
 */
function encoderLayer(
  g: GraphBuilder,
  src: Tensor,
  prev: Tensor | undefined,
  hp: PatchTSTHyperparameters,
  n: number,
): { out: Tensor; scores: Tensor } {
  const d = hp.hiddenSize;
  const heads = hp.nHeads;
  const dk = d / heads;
  const batch = src.shape[0];
  let x = hp.batchNormalization ? channelBatchNorm(g, 'norm_attn', src) : src;

  const { out: attn, scores } = g.scope('self_attn', () => {
    // q: [B, H, N, dk], k: [B, H, dk, N], v: [B, H, N, dk]
    const q = g.transpose(g.reshape(g.dense('W_Q', x, d), [batch, n, heads, dk]), [0, 2, 1, 3]);
    const k = g.transpose(g.reshape(g.dense('W_K', x, d), [batch, n, heads, dk]), [0, 2, 3, 1]);
    const v = g.transpose(g.reshape(g.dense('W_V', x, d), [batch, n, heads, dk]), [0, 2, 1, 3]);
    // scores = q·k / √dk (+ the previous layer's scores), softmax over keys.
    let s = g.mul(g.matmul(q, k), dk ** -0.5);
    if (prev) s = g.add(s, prev);
    const weights = g.dropout(g.softmax(s, -1), hp.attnDropout);
    const heads2d = g.reshape(g.transpose(g.matmul(weights, v), [0, 2, 1, 3]), [batch, n, d]);
    return { out: g.dropout(g.dense('to_out', heads2d, d), hp.dropout), scores: s };
  });
  x = g.add(x, g.dropout(attn, hp.dropout));
  if (!hp.batchNormalization) x = channelBatchNorm(g, 'norm_attn', x);

  const ffIn = hp.batchNormalization ? channelBatchNorm(g, 'norm_ffn', x) : x;
  const hidden = g.dense('ff0', ffIn, hp.linearHiddenSize);
  const activated = g.dropout(hp.activation === 'gelu' ? g.gelu(hidden) : g.relu(hidden), hp.dropout);
  x = g.add(ffIn, g.dropout(g.dense('ff1', activated, d), hp.dropout));
  if (!hp.batchNormalization) x = channelBatchNorm(g, 'norm_ffn', x);
  return { out: x, scores };
}

/** Registration of {@link PatchTST}. */
export const patchtstSpec = neuralModelSpec('PatchTST', PatchTST, {
  description: 'Patch Time-Series Transformer: RevIN, patch embeddings, Transformer encoder and a flatten head to the horizon.',
  defaults: patchtstDefaults,
  // NeuralForecast `AutoPatchTST`: model width and attention heads (every width divides by every head count).
  searchSpace: {
    hiddenSize: choice('hiddenSize', [16, 128, 256] as const),
    nHeads: choice('nHeads', [4, 16] as const),
  },
});
