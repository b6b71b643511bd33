/**
 * What is written beside every saved model as `metadata.json`, and stored in the
 * database's `models.metadata`: enough to forecast with the file alone.
 */
export interface ModelMetadata {
  formatVersion: 1;
  model: string;
  kind: 'baseline' | 'statistical' | 'neural';
  hyperparameters: Record<string, unknown>;
  h: number;
  /** Window length the ONNX graph takes (`input_size`); absent for baselines. */
  inputSize?: number;
  scaler?: string;
  quantiles?: number[];
  frequency: { unit: string; step: number };
  seasonLength: number;
  trainingFingerprint: string;
  metrics: Record<string, number>;
  /** ONNX opset of `model.onnx`; absent for baselines (no graph). */
  opset?: number;
  /** sha256 (hex) of `model.onnx`; absent for baselines. */
  sha256?: string;
  createdAt: string;
  runId: string;
}
