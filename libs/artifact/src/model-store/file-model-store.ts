import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inject, injectable } from 'inversify';
import { Settings } from '@tsforecast/config';
import type { ModelVersion } from '@tsforecast/db';
import type { ModelMetadata } from './model-metadata';
import type { LoadedModel, ModelStore, SavedModel, WrittenModel } from './model-store';
import { readVerifiedModel, sha256Hex } from './read-verified-model';

/**
 * {@link ModelStore} on the local file system: `<MODEL_DIR>/<runId>/model.onnx`
 * and `metadata.json`, written to a temporary folder and renamed into place so a
 * crash never leaves a half-written model. Files only: the service's run
 * recorder registers `registration` in the transaction that completes the run,
 * and loading takes the registered record, verifying the files against it
 * (see `readVerifiedModel`).
 */
@injectable()
export class FileModelStore implements ModelStore {
  constructor(@inject(Settings) private readonly settings: Pick<Settings, 'MODEL_DIR'>) {}

  async write(
    input: Omit<ModelMetadata, 'sha256' | 'formatVersion' | 'createdAt'>,
    onnx?: Uint8Array,
    options: { dir?: string } = {},
  ): Promise<WrittenModel> {
    const dir = resolve(options.dir ?? this.settings.MODEL_DIR, input.runId);
    const staging = `${dir}.partial`;
    const metadata: ModelMetadata = {
      formatVersion: 1,
      ...input,
      sha256: onnx ? sha256Hex(onnx) : undefined,
      createdAt: new Date().toISOString(),
    };
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    if (onnx) await writeFile(join(staging, 'model.onnx'), onnx);
    const metadataText = JSON.stringify(metadata, null, 2) + '\n';
    await writeFile(join(staging, 'metadata.json'), metadataText);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    const sizeBytes = (onnx?.byteLength ?? 0) + (await stat(join(dir, 'metadata.json'))).size;
    return {
      path: dir,
      registration: {
        runId: input.runId,
        name: input.model,
        artifactPath: dir,
        sizeBytes,
        // The checksum of the model's main file: the ONNX graph, or for a model without weights its metadata.
        sha256: metadata.sha256 ?? sha256Hex(Buffer.from(metadataText, 'utf8')),
        hyperparameters: JSON.parse(JSON.stringify(input.hyperparameters)) as Record<string, never>,
        metadata: JSON.parse(JSON.stringify(metadata)) as Record<string, never>,
      },
    };
  }

  async discard(written: WrittenModel): Promise<void> {
    await rm(written.path, { recursive: true, force: true });
  }

  async discardRun(runId: string, options: { dir?: string } = {}): Promise<void> {
    // A run id names one folder of the model directory; never a path that reaches elsewhere.
    if (!/^[0-9A-Za-z-]+$/.test(runId)) throw new RangeError(`'runId' must be a run id (letters, digits, '-'), got '${runId}'`);
    const dir = resolve(options.dir ?? this.settings.MODEL_DIR, runId);
    await rm(`${dir}.partial`, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }

  async load(record: ModelVersion): Promise<LoadedModel> {
    const { metadata, onnx } = await readVerifiedModel(record);
    const saved: SavedModel = {
      id: record.id,
      name: record.name,
      version: record.version,
      path: record.artifactPath,
      sizeBytes: Number(record.sizeBytes),
      sha256: metadata.sha256,
    };
    return onnx === undefined ? { saved, metadata } : { saved, metadata, onnx };
  }
}
