import { createHash } from 'node:crypto';
import type { Container } from 'inversify';
import { TrackingStore } from '@tsforecast/db';

/**
 * Registers `count` versions of `name` (1..count when new) under one tracked
 * train run, with no artifact files: for registry tests that never load the
 * model. Returns their ids, oldest first.
 */
export async function registerModelVersions(container: Container, name: string, count: number): Promise<string[]> {
  const tracking = container.get<TrackingStore>(TrackingStore);
  const { id: experimentId } = await tracking.ensureExperiment('registry-fixtures');
  const run = await tracking.startRun({ experimentId, modelName: name, horizon: 1, kind: 'train', parameters: {} });
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const sha256 = createHash('sha256').update(`${name}-${i}`).digest('hex');
    const input = { runId: run.id, name, artifactPath: `${name}/fixture-${i}`, sizeBytes: 0, sha256, hyperparameters: {}, metadata: {} };
    ids.push((await tracking.registerModel(input)).id);
  }
  return ids;
}
