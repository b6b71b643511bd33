import type { ModelMetadata } from './model-metadata';

/** A model saved on disk and registered in the database. */
export interface SavedModel {
  id: string;
  name: string;
  version: number;
  /** Directory holding `metadata.json` (and `model.onnx` for neural models). */
  path: string;
  sizeBytes: number;
  sha256?: string;
}

/** A saved model read back: its metadata and, for neural models, the ONNX bytes (checksum verified). */
export interface LoadedModel {
  saved: SavedModel;
  metadata: ModelMetadata;
  onnx?: Uint8Array;
}

/**
 * Saves trained models as `model.onnx` + `metadata.json` under `MODEL_DIR`,
 * registers them in the database (name@version), and loads them back by id,
 * `name@version` or name (latest version).
 */
export const ModelStore = Symbol('ModelStore');
export interface ModelStore {
  save(metadata: Omit<ModelMetadata, 'sha256' | 'formatVersion' | 'createdAt'>, onnx?: Uint8Array): Promise<SavedModel>;
  load(reference: string): Promise<LoadedModel>;
}
