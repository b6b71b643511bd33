/**
 * A trained model as a self-contained ONNX graph: raw history in, raw
 * forecasts out (any scaler is baked into the graph). `execution`'s
 * `OnnxRunner` is the one runner of these graphs.
 *
 * The graph contract every exported model follows (docs/MODELS.md, "Exported model contract"):
 * - input `y`: float32 [B, inputSize] — the last `inputSize` values of each series,
 *   left-padded with zeros when a series is shorter (as the training windows are);
 * - input `mask`: float32 [B, inputSize] — 1 where `y` holds a real value, 0 on padding;
 * - output `y_hat`: float32 [B, h] — the point forecast (the median for `mqloss`);
 * - output `quantiles` (only when `quantiles` is set): float32 [B, h, Q], levels in `quantiles` order.
 */
export interface ExportedModel {
  onnx: Uint8Array;
  /** Window length L of the `y` and `mask` inputs. */
  inputSize: number;
  h: number;
  opset: number;
  /** Quantile levels of the `quantiles` output, ascending (e.g. [0.1, 0.5, 0.9]). */
  quantiles?: number[];
  /** Scaler baked into the graph (`identity`, `robust`, ...), for the metadata. */
  scaler: string;
}
