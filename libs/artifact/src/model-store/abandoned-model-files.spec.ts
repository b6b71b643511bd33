import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '@tsforecast/config';
import type { TrainRunJob } from '@tsforecast/execution';
import { AbandonedModelFiles } from './abandoned-model-files';
import { FileModelStore } from './file-model-store';

/** A model folder and a staging folder as a process killed while saving leaves them. */
function leftovers(dir: string, runId: string): void {
  mkdirSync(join(dir, runId), { recursive: true });
  writeFileSync(join(dir, runId, 'model.onnx'), 'onnx');
  mkdirSync(join(dir, `${runId}.partial`), { recursive: true });
  writeFileSync(join(dir, `${runId}.partial`, 'metadata.json'), '{');
}

describe('AbandonedModelFiles: the model files of a run whose process died', () => {
  const root = mkdtempSync(join(tmpdir(), 'tsf-abandoned-'));
  const settings = loadSettings({ env: { MODEL_DIR: join(root, 'settings-models') }, cwd: root });
  const cleanup = new AbandonedModelFiles(new FileModelStore(settings), settings);

  it("removes the run's folder and staging folder in the job's model directory, and nothing else", async () => {
    const jobDir = join(root, 'job-models');
    leftovers(jobDir, 'run-1');
    leftovers(jobDir, 'run-2');
    const payload = { modelDir: jobDir } as TrainRunJob;

    await cleanup.cleanUp({ runId: 'run-1', job: { kind: 'train-run', payload } });

    expect([existsSync(join(jobDir, 'run-1')), existsSync(join(jobDir, 'run-1.partial'))]).toEqual([false, false]);
    expect([existsSync(join(jobDir, 'run-2')), existsSync(join(jobDir, 'run-2.partial'))]).toEqual([true, true]);
  });

  it('uses MODEL_DIR for a run without a job', async () => {
    leftovers(settings.MODEL_DIR, 'run-3');

    await cleanup.cleanUp({ runId: 'run-3', job: null });

    expect(existsSync(join(settings.MODEL_DIR, 'run-3'))).toBe(false);
    expect(existsSync(join(settings.MODEL_DIR, 'run-3.partial'))).toBe(false);
  });

  it('refuses a run id that is not one folder name', async () => {
    await expect(cleanup.cleanUp({ runId: '../settings-models', job: null })).rejects.toThrow(
      /^'runId' must be a run id \(letters, digits, '-'\), got '\.\.\/settings-models'$/,
    );
    expect(existsSync(settings.MODEL_DIR)).toBe(true);
  });
});
