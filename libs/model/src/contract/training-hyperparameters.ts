import { ConfigError } from '@tsforecast/config';
import { LOSS_NAMES, type LossName, type LossSpec } from '../losses/forecast-loss';
import { SCALER_TYPES, type ScalerType } from '../scalers/scaler-type';

/**
 * Hyperparameters every neural model shares, with NeuralForecast's names in
 * camelCase (`input_size` → `inputSize`). Model-specific ones extend it.
 */
export interface TrainingHyperparameters {
  /** Input points per window (L). Required by NeuralForecast; the default rule here is 2·h. */
  inputSize: number;
  loss: LossName;
  /** Prediction-interval levels for `mqloss`, in percent. */
  level: number[];
  /** δ of the Huber loss. */
  huberDelta: number;
  learningRate: number;
  maxSteps: number;
  /** StepLR halvings spread over `maxSteps` (every ⌊maxSteps / numLrDecays⌋ steps); ≤ 0: constant lr. */
  numLrDecays: number;
  /** Series per step. */
  batchSize: number;
  /** Windows per step, sampled from the batch's series (all of them when fewer). */
  windowsBatchSize: number;
  /** Steps between validation checks. */
  valCheckSteps: number;
  /** Validation checks without improvement before stopping; −1: off. */
  earlyStopPatienceSteps: number;
  /** Last points of each series held out for validation (0: none). */
  valSize: number;
  scalerType: ScalerType;
  /** Seed of initial weights, window sampling and dropout. */
  seed: number;
  /** Points between consecutive training windows. */
  stepSize: number;
  /** Left-pad every series by `inputSize − 1` (NeuralForecast `start_padding_enabled`). */
  startPaddingEnabled: boolean;
}

/**
 * NeuralForecast 3.x shared defaults: MAE, Adam lr 1e-3, 1000 steps, 3 lr
 * decays, 32 series × 1024 windows, validation every 100 steps, no early
 * stopping, identity scaler, seed 1, and `inputSize = 2·h`.
 */
export function trainingDefaults(h: number): TrainingHyperparameters {
  return {
    inputSize: 2 * h,
    loss: 'mae',
    level: [80, 90],
    huberDelta: 1,
    learningRate: 1e-3,
    maxSteps: 1000,
    numLrDecays: 3,
    batchSize: 32,
    windowsBatchSize: 1024,
    valCheckSteps: 100,
    earlyStopPatienceSteps: -1,
    valSize: 0,
    scalerType: 'identity',
    seed: 1,
    stepSize: 1,
    startPaddingEnabled: false,
  };
}

/** The loss spec of a hyperparameter set. */
export function lossSpecOf(hp: TrainingHyperparameters): LossSpec {
  return { name: hp.loss, level: hp.level, delta: hp.huberDelta };
}

function integer(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new ConfigError(`'${name}' must be an integer >= ${min}, got ${value}`);
}

/** Throws a {@link ConfigError} naming the first invalid field. */
export function checkTrainingHyperparameters(hp: TrainingHyperparameters, h: number): void {
  integer('h', h, 1);
  integer('inputSize', hp.inputSize, 1);
  integer('maxSteps', hp.maxSteps, 1);
  integer('batchSize', hp.batchSize, 1);
  integer('windowsBatchSize', hp.windowsBatchSize, 1);
  integer('valCheckSteps', hp.valCheckSteps, 1);
  integer('stepSize', hp.stepSize, 1);
  integer('seed', hp.seed, 0);
  integer('numLrDecays', hp.numLrDecays, -1);
  integer('earlyStopPatienceSteps', hp.earlyStopPatienceSteps, -1);
  integer('valSize', hp.valSize, 0);
  if (hp.valSize > 0 && hp.valSize < h) throw new ConfigError(`'valSize' must be 0 or >= h (${h}), got ${hp.valSize}`);
  if (!(hp.learningRate > 0)) throw new ConfigError(`'learningRate' must be > 0, got ${hp.learningRate}`);
  if (!(hp.huberDelta > 0)) throw new ConfigError(`'huberDelta' must be > 0, got ${hp.huberDelta}`);
  if (!LOSS_NAMES.includes(hp.loss)) throw new ConfigError(`'loss' must be one of ${LOSS_NAMES.join(', ')}, got '${String(hp.loss)}'`);
  if (!SCALER_TYPES.includes(hp.scalerType))
    throw new ConfigError(`'scalerType' must be one of ${SCALER_TYPES.join(', ')}, got '${String(hp.scalerType)}'`);
}
