import 'reflect-metadata';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings, type Settings } from '@tsforecast/config';
import { TypeOrmTrackingStore } from '@tsforecast/db';
import { useTestDatabase } from '@tsforecast/db/testing';
import { FileModelStore } from './file-model-store';
import type { ModelMetadata } from './model-metadata';

type Input = Omit<ModelMetadata, 'sha256' | 'formatVersion' | 'createdAt'>;

describe('FileModelStore.load verifies the files against the registered record', () => {
  const database = useTestDatabase();
  let tracking: TypeOrmTrackingStore;
  let store: FileModelStore;
  let settings: Settings;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsf-model-store-'));
    settings = loadSettings({ env: { MODEL_DIR: join(dir, 'models') }, cwd: dir });
    tracking = new TypeOrmTrackingStore(database());
    store = new FileModelStore(settings);
  });

  async function saved(kind: 'neural' | 'baseline', onnx?: Uint8Array) {
    const experiment = await tracking.ensureExperiment('store');
    const run = await tracking.startRun({ experimentId: experiment.id, modelName: 'M', horizon: 3, kind: 'train', parameters: {} });
    const input: Input = {
      model: kind === 'neural' ? 'MLP' : 'Naive',
      kind,
      hyperparameters: {},
      h: 3,
      ...(kind === 'neural' ? { inputSize: 6, opset: 17 } : {}),
      frequency: { unit: 'M', step: 1 },
      seasonLength: 12,
      trainingFingerprint: 'f',
      metrics: { mae: 1 },
      runId: run.id,
    };
    // Written by the store, registered as the run recorder does: in the transaction that completes the run.
    const written = await store.write(input, onnx);
    const { model } = await tracking.completeRun(run.id, { model: written.registration });
    return { version: model!.version, path: written.path, sha256: onnx ? written.registration.sha256 : undefined };
  }
  const load = async (ref: string) => store.load(await tracking.findModel(ref));
  const edit = (path: string, change: (metadata: Record<string, unknown>) => unknown) =>
    writeFileSync(path, JSON.stringify(change(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)));

  it('loads an intact neural model with its ONNX bytes', async () => {
    const model = await saved('neural', new Uint8Array([1, 2, 3, 4]));
    const loaded = await load(`MLP@${model.version}`);
    expect(Array.from(loaded.onnx!)).toEqual([1, 2, 3, 4]);
    expect(loaded.metadata.kind).toBe('neural');
  });

  it('refuses a flipped byte in model.onnx even with sha256 removed from metadata.json, naming the file and both hashes', async () => {
    const model = await saved('neural', new Uint8Array([1, 2, 3, 5]));
    edit(join(model.path, 'metadata.json'), ({ sha256: _dropped, ...rest }) => rest);
    const onnx = readFileSync(join(model.path, 'model.onnx'));
    onnx[0] ^= 0xff;
    writeFileSync(join(model.path, 'model.onnx'), onnx);
    const failure = load(`MLP@${model.version}`);
    await expect(failure).rejects.toThrow(
      new RegExp(
        `^model MLP@${model.version}: .*model\\.onnx does not match its registered checksum: sha256 [0-9a-f]{64}, the database records ${model.sha256!}`,
      ),
    );
    await expect(failure).rejects.toMatchObject({ exitCode: 2 });
  });

  it('refuses a neural model whose metadata.json lost its sha256, or is {}, naming the missing fields', async () => {
    const model = await saved('neural', new Uint8Array([9, 9]));
    const metadataPath = join(model.path, 'metadata.json');
    edit(metadataPath, ({ sha256: _dropped, ...rest }) => rest);
    await expect(load(`MLP@${model.version}`)).rejects.toThrow(
      /metadata\.json is not valid model metadata: 'sha256' is missing \(expected string\)/,
    );
    writeFileSync(metadataPath, '{}');
    await expect(load(`MLP@${model.version}`)).rejects.toThrow(
      /metadata\.json is not valid model metadata: 'formatVersion' is missing.*'frequency' is missing \(expected object\)/,
    );
  });

  it('refuses a baseline whose metadata.json was changed (its checksum is the record of a model without weights)', async () => {
    const model = await saved('baseline');
    expect((await load(`Naive@${model.version}`)).onnx).toBeUndefined();
    edit(join(model.path, 'metadata.json'), (m) => ({ ...m, h: 4 }));
    await expect(load(`Naive@${model.version}`)).rejects.toThrow(/metadata\.json does not match its registered checksum/);
  });
});
