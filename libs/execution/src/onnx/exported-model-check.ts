import { DataError } from '@tsforecast/config';
import type { ExportedModel } from '@tsforecast/model';
import { GRAPH_NAMES } from '../training/forecast-graph';

const isPositiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

/**
 * Checks an exported model's description before a session is opened: window
 * length and horizon are positive integers, quantile levels ascend in (0, 1).
 * @throws DataError naming the field, its value and what is expected.
 * @internal
 */
export function checkExportedModel(model: ExportedModel, label: string): void {
  if (!(model.onnx instanceof Uint8Array) || model.onnx.byteLength === 0) {
    throw new DataError(`${label}: 'onnx' must be the bytes of an ONNX model, got ${model.onnx?.byteLength ?? 'nothing'} bytes`);
  }
  if (!isPositiveInteger(model.inputSize))
    throw new DataError(`${label}: 'inputSize' must be an integer >= 1, got ${String(model.inputSize)}`);
  if (!isPositiveInteger(model.h)) throw new DataError(`${label}: 'h' must be an integer >= 1, got ${String(model.h)}`);
  const levels = model.quantiles;
  if (levels === undefined) return;
  const ascending = levels.every((q, k) => q > 0 && q < 1 && (k === 0 || q > levels[k - 1]));
  if (levels.length === 0 || !ascending) {
    throw new DataError(`${label}: 'quantiles' must be ascending levels in (0, 1), got [${levels.join(', ')}]`);
  }
}

/**
 * Checks the graph's names against the contract: inputs `y` and `mask` (a
 * graph that does not read the mask — identity scaler and a body that ignores
 * it, e.g. MLP — has `y` alone, as export drops unused inputs; the runner
 * feeds both either way); outputs `y_hat`, plus `quantiles` when the model
 * has levels.
 * @throws DataError naming what the graph has and what is expected.
 * @internal
 */
export function checkGraphNames(inputs: readonly string[], outputs: readonly string[], model: ExportedModel, label: string): void {
  const contractInputs: readonly string[] = [GRAPH_NAMES.y, GRAPH_NAMES.mask];
  const inputsOk = inputs.includes(GRAPH_NAMES.y) && inputs.every((name) => contractInputs.includes(name));
  const expectedOutputs = model.quantiles ? [GRAPH_NAMES.yHat, GRAPH_NAMES.quantiles] : [GRAPH_NAMES.yHat];
  const outputsOk = expectedOutputs.every((name) => outputs.includes(name));
  if (inputsOk && outputsOk) return;
  throw new DataError(
    `${label}: the ONNX graph has inputs [${inputs.join(', ')}] and outputs [${outputs.join(', ')}]; ` +
      `the exported-model contract expects inputs [${contractInputs.join(', ')}] (float32 [B, inputSize]) ` +
      `and outputs [${expectedOutputs.join(', ')}]; it was not exported by this version of tsforecast — train it again`,
  );
}
