import { TsforecastError } from '@tsforecast/config';
import { compileEval, compileTrainStep, EvalSession, TrainStepSession, type ParameterValues, type RuntimeOptions } from '@tsforecast/graph';
import type { FitContext } from '../contract/forecast-model';
import { hostLoss } from '../losses/forecast-loss';
import { GRAPH_NAMES, type ForecastGraph } from './forecast-graph';
import { learningRateAt, lossSpecOf, type TrainingHyperparameters } from './training-hyperparameters';
import type { WindowBatch } from './window-batch';
import { validationWindows, WindowSampler } from './window-sampler';

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

function feedsOf(b: WindowBatch, l: number, h: number) {
  return {
    [GRAPH_NAMES.y]: { data: b.y, dims: [b.count, l] },
    [GRAPH_NAMES.mask]: { data: b.mask, dims: [b.count, l] },
    [GRAPH_NAMES.target]: { data: b.target, dims: [b.count, h] },
    [GRAPH_NAMES.targetMask]: { data: b.targetMask, dims: [b.count, h] },
  };
}

/**
 * The one training loop of every neural model (NeuralForecast `BaseModel`
 * semantics): Adam with StepLR, window batches from {@link WindowSampler},
 * validation on the last `valSize` points every `valCheckSteps` steps (loss on
 * raw values), early stopping after `earlyStopPatienceSteps` checks without
 * improvement, best validation weights restored at the end.
 *
 * @param series the target values of each series: [series][T]
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
  const l = hp.inputSize;
  const shape = { inputSize: l, h, stepSize: hp.stepSize, startPaddingEnabled: hp.startPaddingEnabled };
  const trainSeries = hp.valSize > 0 ? series.map((s) => Array.prototype.slice.call(s, 0, Math.max(s.length - hp.valSize, 0)) as number[]) : series;
  const sampler = new WindowSampler(trainSeries, shape, { batchSize: hp.batchSize, windowsBatchSize: hp.windowsBatchSize, seed: hp.seed });
  const session = await TrainStepSession.create(compileTrainStep(graph.g, { loss: graph.loss, optimizer: { kind: 'adam' } }), { ...runtime, seed: hp.seed, logger: context.logger });
  const validating = hp.valSize > 0;
  const evalSession = validating ? await EvalSession.create(compileEval(graph.g, { outputs: [graph.quantiles ? GRAPH_NAMES.quantiles : GRAPH_NAMES.yHat] }), runtime) : undefined;
  const valBatch = validating ? validationWindows(series, shape, hp.valSize) : undefined;
  const spec = lossSpecOf(hp);
  context.logger.debug('training started', { windows: sampler.windowCount, series: sampler.seriesCount, maxSteps: hp.maxSteps, valWindows: valBatch?.count ?? 0 });

  let best = Number.POSITIVE_INFINITY;
  let bestWeights: ParameterValues | undefined;
  let bestStep = 0;
  let badChecks = 0;
  let loss = Number.NaN;
  let valLoss = Number.NaN;
  let step = 0;
  let stoppedEarly = false;
  const progressEvery = Math.max(1, Math.floor(hp.maxSteps / 100));
  const loopStart = performance.now();
  try {
    while (step < hp.maxSteps) {
      if (context.signal?.aborted) throw new TsforecastError(`training cancelled at step ${step}`, { exitCode: 1 });
      step++;
      const batch = sampler.next();
      loss = await session.run(feedsOf(batch, l, h), learningRateAt(hp, step));
      if (evalSession && valBatch && step % hp.valCheckSteps === 0) {
        const out = await evalSession.run({ [GRAPH_NAMES.y]: { data: valBatch.y, dims: [valBatch.count, l] }, [GRAPH_NAMES.mask]: { data: valBatch.mask, dims: [valBatch.count, l] } }, session);
        valLoss = hostLoss(spec, Object.values(out)[0].data, valBatch.target, valBatch.targetMask);
        if (valLoss < best) {
          best = valLoss;
          bestWeights = session.parameters();
          bestStep = step;
          badChecks = 0;
        } else badChecks++;
        context.logger.debug('validation', { step, loss, val_loss: valLoss, best_val_loss: best });
        if (hp.earlyStopPatienceSteps > 0 && badChecks >= hp.earlyStopPatienceSteps) stoppedEarly = true;
        if (context.onValidation) await context.onValidation(step, valLoss);
      }
      if (step % progressEvery === 0 || step === hp.maxSteps || stoppedEarly) {
        const seconds = (performance.now() - loopStart) / 1000;
        context.onProgress?.(step / hp.maxSteps, { step, loss, ...(validating ? { val_loss: valLoss } : {}), steps_per_s: step / seconds });
      }
      if (stoppedEarly) break;
    }
    if (bestWeights) session.loadParameters(bestWeights);
    const weights = session.parameters();
    const loopSeconds = (performance.now() - loopStart) / 1000;
    const outcome: TrainOutcome = {
      weights,
      steps: step,
      lastLoss: loss,
      bestValLoss: validating ? best : undefined,
      bestStep: bestWeights ? bestStep : step,
      stoppedEarly,
      stepsPerSecond: step / loopSeconds,
      seconds: (performance.now() - started) / 1000,
    };
    context.logger.debug('training finished', { steps: step, loss, best_val_loss: outcome.bestValLoss, best_step: outcome.bestStep, steps_per_s: outcome.stepsPerSecond, stopped_early: stoppedEarly });
    return outcome;
  } finally {
    await session.release();
    await evalSession?.release();
  }
}
