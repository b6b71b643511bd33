import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inject, injectable } from 'inversify';
import { SettingsToken, TsforecastError, type Settings } from '@tsforecast/config';
import { TrackingStore } from '@tsforecast/db';
import type { ModelMetadata } from './model-metadata';
import type { LoadedModel, ModelStore, SavedModel } from './model-store';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * {@link ModelStore} on the local file system: `<MODEL_DIR>/<runId>/model.onnx`
 * and `metadata.json`, written to a temporary folder and renamed into place so a
 * crash never leaves a half-written model; then registered in the database.
 */
@injectable()
export class FileModelStore implements ModelStore {
  constructor(
    @inject(SettingsToken) private readonly settings: Settings,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
  ) {}

  async save(input: Omit<ModelMetadata, 'sha256' | 'formatVersion' | 'createdAt'>, onnx?: Uint8Array): Promise<SavedModel> {
    const dir = resolve(this.settings.MODEL_DIR, input.runId);
    const staging = `${dir}.partial`;
    const metadata: ModelMetadata = { formatVersion: 1, ...input, sha256: onnx ? sha256(onnx) : undefined, createdAt: new Date().toISOString() };
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    if (onnx) await writeFile(join(staging, 'model.onnx'), onnx);
    const metadataText = JSON.stringify(metadata, null, 2) + '\n';
    await writeFile(join(staging, 'metadata.json'), metadataText);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    const sizeBytes = (onnx?.byteLength ?? 0) + (await stat(join(dir, 'metadata.json'))).size;
    const { id, version } = await this.tracking.registerModel({
      runId: input.runId,
      name: input.model,
      artifactPath: dir,
      sizeBytes,
      // The checksum of the model's main file: the ONNX graph, or for a baseline its metadata.
      sha256: metadata.sha256 ?? sha256(Buffer.from(metadataText, 'utf8')),
      hyperparameters: JSON.parse(JSON.stringify(input.hyperparameters)) as Record<string, never>,
      metadata: JSON.parse(JSON.stringify(metadata)) as Record<string, never>,
    });
    return { id, name: input.model, version, path: dir, sizeBytes, sha256: metadata.sha256 };
  }

  async load(reference: string): Promise<LoadedModel> {
    const record = await this.tracking.findModel(reference);
    const dir = record.artifactPath;
    let metadata: ModelMetadata;
    try {
      metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as ModelMetadata;
    } catch (error) {
      throw new TsforecastError(`model ${record.name}@${record.version}: cannot read ${join(dir, 'metadata.json')}: ${(error as Error).message}`);
    }
    const saved: SavedModel = { id: record.id, name: record.name, version: record.version, path: dir, sizeBytes: Number(record.sizeBytes), sha256: metadata.sha256 };
    if (metadata.sha256 === undefined) return { saved, metadata };
    const onnx = new Uint8Array(await readFile(join(dir, 'model.onnx')));
    const actual = sha256(onnx);
    if (actual !== metadata.sha256) {
      throw new TsforecastError(`model ${record.name}@${record.version}: ${join(dir, 'model.onnx')} is corrupt (sha256 ${actual}, expected ${metadata.sha256})`);
    }
    return { saved, metadata, onnx };
  }
}
