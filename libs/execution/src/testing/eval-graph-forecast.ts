import { compileEval, EvalSession } from '@tsforecast/graph';
import type { SeriesFrame } from '@tsforecast/data';
import type { TrainingHyperparameters } from '@tsforecast/model';
import { GRAPH_NAMES } from '../training/forecast-graph';
import type { NeuralForecaster } from '../training/neural-forecaster';

/** Forecasts as plain arrays: `mean[series][t]`, `quantiles[q][series][t]`. */
export interface PlainForecast {
  readonly mean: number[][];
  readonly quantiles?: number[][][];
}

/**
 * The training run's own forecast, computed without the exported file or the
 * runner: the model's training graph compiled for evaluation and run with the
 * weights the fit ended with, fed with windows padded here (last `inputSize`
 * values, zeros and mask 0 on the left). The reference a served forecast must
 * equal.
 *
 * @example
 * await model.fit(frame, ctx);
 * const expected = await evalGraphForecast(model, frame);
 */
export async function evalGraphForecast<H extends TrainingHyperparameters>(
  model: NeuralForecaster<H>,
  frame: SeriesFrame,
): Promise<PlainForecast> {
  if (!model.lastFit) throw new Error(`evalGraphForecast: ${model.name} was not fitted`);
  const graph = model.buildGraph();
  const session = await EvalSession.create(compileEval(graph.g, { outputs: graph.outputs }), { threads: 1 });
  const l = model.hyperparameters.inputSize;
  const h = model.h;
  const b = frame.series.length;
  const y = new Float32Array(b * l);
  const mask = new Float32Array(b * l);
  frame.series.forEach((s, i) => {
    const take = Math.min(l, s.y.length);
    for (let k = 0; k < take; k++) {
      y[(i + 1) * l - take + k] = s.y[s.y.length - take + k];
      mask[(i + 1) * l - take + k] = 1;
    }
  });
  try {
    const out = await session.run(
      { [GRAPH_NAMES.y]: { data: y, dims: [b, l] }, [GRAPH_NAMES.mask]: { data: mask, dims: [b, l] } },
      model.lastFit.weights,
    );
    const yHat = out[GRAPH_NAMES.yHat].data;
    const mean = frame.series.map((_, i) => Array.from(yHat.subarray(i * h, (i + 1) * h)));
    if (!graph.quantiles) return { mean };
    const q = out[GRAPH_NAMES.quantiles].data;
    const nq = graph.quantiles.length;
    const quantiles = graph.quantiles.map((_, k) =>
      frame.series.map((_, i) => Array.from({ length: h }, (_, t) => q[(i * h + t) * nq + k])),
    );
    return { mean, quantiles };
  } finally {
    await session.release();
  }
}
