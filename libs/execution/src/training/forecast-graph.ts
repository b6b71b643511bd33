import { GraphBuilder, type Tensor } from '@tsforecast/graph';
import {
  applyScaler,
  invertScaler,
  lossGraph,
  lossOutputs,
  lossQuantiles,
  lossSpecOf,
  pointOutput,
  revinAffine,
  scalerStatistics,
  type LossSpec,
  type NeuralNetwork,
  type ScalerType,
  type TrainingHyperparameters,
} from '@tsforecast/model';

/**
 * Names of the graph inputs and outputs: `y`, `mask`, `y_hat`, `quantiles` are
 * the exported-model contract (see `ExportedModel`, checked by `OnnxRunner`);
 * `target` and `target_mask` feed the training loss only.
 */
export const GRAPH_NAMES = {
  y: 'y',
  mask: 'mask',
  target: 'target',
  targetMask: 'target_mask',
  yHat: 'y_hat',
  quantiles: 'quantiles',
} as const;

/**
 * A network body: maps the scaled input window `z: [B, L]` and its mask
 * `[B, L]` to `[B, h, outputs]` in the scaled space.
 */
export type NetworkBody = (g: GraphBuilder, z: Tensor, mask: Tensor, outputs: number) => Tensor;

/** What the graph needs besides the body. */
export interface ForecastGraphSpec {
  readonly h: number;
  readonly inputSize: number;
  readonly scalerType: ScalerType;
  readonly loss: LossSpec;
  readonly seed: number;
}

/** A built forecasting graph: the builder, its training loss and output names. */
export interface ForecastGraph {
  readonly g: GraphBuilder;
  /** Training loss in the scaled space (as NeuralForecast's point losses). */
  readonly loss: Tensor;
  /** Declared outputs: `y_hat` and, for `mqloss`, `quantiles`. */
  readonly outputs: readonly string[];
  readonly quantiles?: readonly number[];
}

/**
 * Wraps a network body into the full graph: raw `y`, `mask` → per-window
 * scaler (from the input part) → body → inverse scaler → `y_hat: [B, h]`
 * (and `quantiles: [B, h, Q]`); the training loss compares the body's output
 * with the target scaled by the same statistics, masked by `target_mask`.
 */
export function buildForecastGraph(spec: ForecastGraphSpec, body: NetworkBody): ForecastGraph {
  const g = new GraphBuilder({ seed: spec.seed });
  const y = g.input(GRAPH_NAMES.y, ['B', spec.inputSize]);
  const mask = g.input(GRAPH_NAMES.mask, ['B', spec.inputSize]);
  const target = g.input(GRAPH_NAMES.target, ['B', spec.h]);
  const targetMask = g.input(GRAPH_NAMES.targetMask, ['B', spec.h]);
  const stats = scalerStatistics(g, spec.scalerType, y, mask);
  const z = applyScaler(g, y, stats);
  const out = g.scope('net', () => body(g, z, mask, lossOutputs(spec.loss)));
  const raw = invertScaler(g, out, stats);
  g.output(GRAPH_NAMES.yHat, pointOutput(g, spec.loss, raw));
  const quantiles = lossQuantiles(spec.loss);
  if (quantiles) g.output(GRAPH_NAMES.quantiles, raw);
  const loss = lossGraph(g, spec.loss, revinAffine(g, out, stats), applyScaler(g, target, stats), targetMask);
  return { g, loss, outputs: [...g.outputs.keys()], quantiles };
}

/**
 * The full graph of a neural network for its own horizon and hyperparameters.
 *
 * @example
 * const graph = forecastGraphOf(nhitsSpec.build(12, nhitsDefaults(12)));
 * const onnx = exportInference(graph.g, {}, { outputs: graph.outputs }); // untrained weights
 */
export function forecastGraphOf<H extends TrainingHyperparameters>(network: NeuralNetwork<H>): ForecastGraph {
  const hp = network.hyperparameters;
  return buildForecastGraph(
    { h: network.h, inputSize: hp.inputSize, scalerType: hp.scalerType, loss: lossSpecOf(hp), seed: hp.seed },
    (g, z, mask, outputs) => network.body(g, z, mask, outputs),
  );
}
