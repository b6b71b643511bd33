import type { ModelInput, ModelVersion } from '@tsforecast/db';
import type { ModelMetadata } from './model-metadata';

/** A registered model's files on disk. */
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
 * Saves trained models as `model.onnx` + `metadata.json` under `MODEL_DIR` and
 * reads them back — files only. Registering a model version (`name@version`)
 * belongs to the service's run recorder; resolving a reference to its record
 * to the tracking store.
 */
export const ModelStore = Symbol('ModelStore');
export interface ModelStore {
  /**
   * Writes the files only (under `options.dir`, default `MODEL_DIR`); register `registration` in the same
   * transaction that completes the run, or {@link discard} them.
   */
  write(
    metadata: Omit<ModelMetadata, 'sha256' | 'formatVersion' | 'createdAt'>,
    onnx?: Uint8Array,
    options?: { dir?: string },
  ): Promise<WrittenModel>;
  /** Removes written files that were never registered. */
  discard(written: WrittenModel): Promise<void>;
  /**
   * Removes whatever a run whose process died wrote under `options.dir` (default `MODEL_DIR`): its model folder and a
   * half-written staging folder. Only for a run that can no longer complete (`failed`), so no version points there.
   */
  discardRun(runId: string, options?: { dir?: string }): Promise<void>;
  /** Reads a registered model's files, verifying them against its record (checksum, metadata); DataError otherwise. */
  load(record: ModelVersion): Promise<LoadedModel>;
}
