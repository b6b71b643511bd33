import type { ModelInput } from '@tsforecast/db';
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

/** A model's files, written and not yet registered: `registration` goes to the tracking store. */
export interface WrittenModel {
  /** Directory of `metadata.json` (and `model.onnx`). */
  path: string;
  registration: ModelInput;
}

/**
 * Saves trained models as `model.onnx` + `metadata.json` under `MODEL_DIR`,
 * registers them in the database (name@version), and loads them back by id,
 * `name@version` or name (latest version).
 */
export const ModelStore = Symbol('ModelStore');
export interface ModelStore {
  /** Writes the files only; register `registration` in the same transaction that completes the run, or {@link discard} them. */
  write(metadata: Omit<ModelMetadata, 'sha256' | 'formatVersion' | 'createdAt'>, onnx?: Uint8Array): Promise<WrittenModel>;
  /** Removes written files that were never registered. */
  discard(written: WrittenModel): Promise<void>;
  /** Writes and registers at once (its files are removed when the registration fails). */
  save(metadata: Omit<ModelMetadata, 'sha256' | 'formatVersion' | 'createdAt'>, onnx?: Uint8Array): Promise<SavedModel>;
  /** Reads a registered model, verifying its files against the database record (checksum, metadata); DataError otherwise. */
  load(reference: string): Promise<LoadedModel>;
}
