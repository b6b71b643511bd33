import { TsforecastError } from '@tsforecast/config';
import { compileEval, compileTrainStep, EvalSession, TrainStepSession, type ParameterValues, type RuntimeOptions } from '@tsforecast/graph';
import { hostLoss, lossSpecOf, type FitContext, type TrainingHyperparameters } from '@tsforecast/model';
import { GRAPH_NAMES, type ForecastGraph } from './forecast-graph';
import { learningRateAt } from './learning-rate';
import { BestWeights } from './best-weights';
import type { WindowBatch } from './window-batch';
import { validationWindows, WindowSampler, type TrainWindowOptions } from './window-sampler';

/** What a training run ends with. */
export interface TrainOutcome {
  /** Final weights: the best validation ones when validating, else the last. */
  readonly weights: ParameterValues;
  readonly steps: number;
  /** Training loss of the last step (scaled space). */
  readonly lastLoss: number;
  /** Best validation loss (raw scale), when `valSize > 0`. */
  readonly bestValLoss?: number;
  /** Step whose weights were kept. */
  readonly bestStep: number;
  readonly stoppedEarly: boolean;
  readonly stepsPerSecond: number;
  readonly seconds: number;
}

/** The sessions and data of one training run. */
interface Training {
  readonly hp: TrainingHyperparameters;
  readonly h: number;
  readonly context: FitContext;
  readonly sampler: WindowSampler;
  readonly session: TrainStepSession;
  /** Present when `valSize > 0`. */
  readonly validation?: { readonly session: EvalSession; readonly windows: WindowBatch };
}

/** Where the step loop ended. */
interface LoopEnd {
  readonly steps: number;
  readonly loss: number;
  readonly stoppedEarly: boolean;
  readonly best: BestWeights;
  readonly loopSeconds: number;
}

/**
 * The one training loop of every neural model (NeuralForecast `BaseModel`
 * semantics): Adam with StepLR, window batches from {@link WindowSampler},
 * validation on the last `valSize` points every `valCheckSteps` steps (loss on
 * raw values), early stopping after `earlyStopPatienceSteps` checks without
 * improvement, best validation weights restored at the end.
 *
 * @param series the target values of each series: [series][T]
 * @example
 * const outcome = await trainNetwork(forecastGraphOf(network), frame.series.map((s) => s.y), hp, h, { logger });
 */
export async function trainNetwork(
  graph: ForecastGraph,
  series: readonly ArrayLike<number>[],
  hp: TrainingHyperparameters,
  h: number,
  context: FitContext,
  runtime: RuntimeOptions = {},
): Promise<TrainOutcome> {
  const started = performance.now();
  const training = await openTraining(graph, series, hp, h, context, runtime);
  try {
    const end = await runSteps(training);
    return finish(training, end, (performance.now() - started) / 1000);
  } finally {
    await training.session.release();
    await training.validation?.session.release();
  }
}

/** Cuts the windows and opens the train-step session (and the validation session when `valSize > 0`). */
async function openTraining(
  graph: ForecastGraph,
  series: readonly ArrayLike<number>[],
  hp: TrainingHyperparameters,
  h: number,
  context: FitContext,
  runtime: RuntimeOptions,
): Promise<Training> {
  const shape: TrainWindowOptions = { inputSize: hp.inputSize, h, stepSize: hp.stepSize, startPaddingEnabled: hp.startPaddingEnabled };
  // The validation part (last valSize points) is cut off the training series; validation windows see all of it.
  const trainSeries =
    hp.valSize > 0 ? series.map((s) => Array.prototype.slice.call(s, 0, Math.max(s.length - hp.valSize, 0)) as number[]) : series;
  const sampler = new WindowSampler(trainSeries, shape, { batchSize: hp.batchSize, windowsBatchSize: hp.windowsBatchSize, seed: hp.seed });
  const compiled = compileTrainStep(graph.g, { loss: graph.loss, optimizer: { kind: 'adam' } });
  const session = await TrainStepSession.create(compiled, { ...runtime, seed: hp.seed, logger: context.logger });
  let validation: Training['validation'];
  if (hp.valSize > 0) {
    const output = graph.quantiles ? GRAPH_NAMES.quantiles : GRAPH_NAMES.yHat;
    validation = {
      session: await EvalSession.create(compileEval(graph.g, { outputs: [output] }), runtime),
      windows: validationWindows(series, shape, hp.valSize),
    };
  }
  context.logger.debug('training started', {
    windows: sampler.windowCount,
    series: sampler.seriesCount,
    maxSteps: hp.maxSteps,
    valWindows: validation?.windows.count ?? 0,
  });
  return { hp, h, context, sampler, session, validation };
}

/** Runs steps until `maxSteps`, early stopping, cancellation or an error thrown by `onValidation`. */
async function runSteps(t: Training): Promise<LoopEnd> {
  const { hp, context } = t;
  const best = new BestWeights(hp.earlyStopPatienceSteps);
  const progressEvery = Math.max(1, Math.floor(hp.maxSteps / 100));
  const loopStart = performance.now();
  let loss = Number.NaN;
  let valLoss = Number.NaN;
  let step = 0;
  let stoppedEarly = false;
  while (step < hp.maxSteps) {
    if (context.signal?.aborted) throw new TsforecastError(`training cancelled at step ${step}`, { exitCode: 1 });
    step++;
    loss = await t.session.run(trainFeeds(t.sampler.next(), hp.inputSize, t.h), learningRateAt(hp, step));
    if (t.validation && step % hp.valCheckSteps === 0) {
      valLoss = await validationLoss(t, t.validation);
      stoppedEarly = best.record(step, valLoss, () => t.session.parameters());
      context.logger.debug('validation', { step, loss, val_loss: valLoss, best_val_loss: best.loss });
      if (context.onValidation) await context.onValidation(step, valLoss);
    }
    if (step % progressEvery === 0 || step === hp.maxSteps || stoppedEarly) {
      const stepsPerSecond = step / ((performance.now() - loopStart) / 1000);
      const validated: Record<string, number> = t.validation ? { val_loss: valLoss } : {};
      context.onProgress?.(step / hp.maxSteps, { step, loss, ...validated, steps_per_s: stepsPerSecond });
    }
    if (stoppedEarly) break;
  }
  return { steps: step, loss, stoppedEarly, best, loopSeconds: (performance.now() - loopStart) / 1000 };
}

/** Restores the best validation weights (if any) and summarises the run. */
function finish(t: Training, end: LoopEnd, seconds: number): TrainOutcome {
  if (end.best.weights) t.session.loadParameters(end.best.weights);
  const outcome: TrainOutcome = {
    weights: t.session.parameters(),
    steps: end.steps,
    lastLoss: end.loss,
    bestValLoss: t.validation ? end.best.loss : undefined,
    bestStep: end.best.weights ? end.best.step : end.steps,
    stoppedEarly: end.stoppedEarly,
    stepsPerSecond: end.steps / end.loopSeconds,
    seconds,
  };
  t.context.logger.debug('training finished', {
    steps: outcome.steps,
    loss: outcome.lastLoss,
    best_val_loss: outcome.bestValLoss,
    best_step: outcome.bestStep,
    steps_per_s: outcome.stepsPerSecond,
    stopped_early: outcome.stoppedEarly,
  });
  return outcome;
}

/** The loss of the current weights on the validation windows, on raw values (float64 on the host). */
async function validationLoss(t: Training, validation: NonNullable<Training['validation']>): Promise<number> {
  const { windows } = validation;
  const l = t.hp.inputSize;
  const feeds = {
    [GRAPH_NAMES.y]: { data: windows.y, dims: [windows.count, l] },
    [GRAPH_NAMES.mask]: { data: windows.mask, dims: [windows.count, l] },
  };
  const out = await validation.session.run(feeds, t.session);
  return hostLoss(lossSpecOf(t.hp), Object.values(out)[0].data, windows.target, windows.targetMask);
}

/** Feeds of one training batch: `y`, `mask` [B, L]; `target`, `target_mask` [B, h]. */
function trainFeeds(b: WindowBatch, l: number, h: number) {
  return {
    [GRAPH_NAMES.y]: { data: b.y, dims: [b.count, l] },
    [GRAPH_NAMES.mask]: { data: b.mask, dims: [b.count, l] },
    [GRAPH_NAMES.target]: { data: b.target, dims: [b.count, h] },
    [GRAPH_NAMES.targetMask]: { data: b.targetMask, dims: [b.count, h] },
  };
}
