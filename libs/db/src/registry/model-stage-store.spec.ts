import { ConflictError, NotFoundError } from '@tsforecast/config';
import { Container } from 'inversify';
import { dbModule } from '../db-module';
import { runMigrations, revertLastMigration } from '../migrations/migration-runner';
import { useTestDatabase } from '../testing';
import { TrackingStore } from '../tracking/tracking-store';
import { ModelStageStore } from './model-stage-store';

jest.setTimeout(120_000);

describe('ModelStageStore (PostgreSQL)', () => {
  const db = useTestDatabase();
  let tracking: TrackingStore;
  let stages: ModelStageStore;

  beforeAll(async () => {
    const container = new Container();
    container.loadSync(dbModule(db()));
    tracking = container.get<TrackingStore>(TrackingStore);
    stages = container.get<ModelStageStore>(ModelStageStore);
  });

  async function registerVersions(name: string, count: number): Promise<string[]> {
    const { id: experimentId } = await tracking.ensureExperiment('stages');
    const run = await tracking.startRun({ experimentId, modelName: name, horizon: 12, kind: 'train', parameters: {} });
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const input = {
        runId: run.id,
        name,
        artifactPath: `${name}.onnx`,
        sizeBytes: 1,
        sha256: 'c'.repeat(64),
        hyperparameters: {},
        metadata: {},
      };
      ids.push((await tracking.registerModel(input)).id);
    }
    return ids;
  }

  it('starts versions at none, and promoting archives the previous production version with one audit row each', async () => {
    const [v1, v2] = await registerVersions('NHITS', 2);
    expect((await tracking.findModel('NHITS@1')).stage).toBe('none');
    const first = await stages.changeStage(v1!, 'production', 'alice');
    expect(first.model.stage).toBe('production');
    const second = await stages.changeStage(v2!, 'production', 'bob');
    expect(second.changes.map((c) => [c.modelId, c.fromStage, c.toStage, c.changedBy])).toEqual([
      [v1, 'production', 'archived', 'bob'],
      [v2, 'none', 'production', 'bob'],
    ]);
    expect((await tracking.findModel('NHITS@1')).stage).toBe('archived');
    expect((await tracking.findModel('NHITS@production')).version).toBe(2);
    const trail = await stages.listStageChanges(v1!);
    expect(trail.map((c) => `${c.fromStage}->${c.toStage} by ${c.changedBy}`)).toEqual([
      'none->production by alice',
      'production->archived by bob',
    ]);
    expect(trail[0]!.changedAt).toBeInstanceOf(Date);
  });

  it('resolves NAME@staging to the newest staging version and says when a name has none in a stage', async () => {
    const [a, b] = await registerVersions('DLinear', 3);
    await expect(tracking.findModel('DLinear@staging')).rejects.toThrow(
      /^Model 'DLinear@staging' not found: no version of 'DLinear' is in staging/,
    );
    await stages.changeStage(a!, 'staging', 'alice');
    await stages.changeStage(b!, 'staging', 'alice');
    expect((await tracking.findModel('DLinear@staging')).version).toBe(2);
    await expect(tracking.findModel('DLinear@production')).rejects.toThrow(NotFoundError);
    await expect(tracking.findModel('DLinear@prod')).rejects.toThrow(/^'model' must be a uuid, NAME or NAME@VERSION/);
  });

  it('refuses a change to the stage a version is already in (409) and an unknown id (404), writing nothing', async () => {
    const [v1] = await registerVersions('TiDE', 1);
    await stages.changeStage(v1!, 'staging', 'alice');
    await expect(stages.changeStage(v1!, 'staging', 'bob')).rejects.toThrow(new ConflictError("TiDE@1 is already 'staging'"));
    await expect(stages.changeStage('00000000-0000-4000-8000-000000000000', 'staging', 'bob')).rejects.toThrow(NotFoundError);
    expect(await stages.listStageChanges(v1!)).toHaveLength(1);
  });

  it('keeps one production version under concurrent promotions of every version of a name', async () => {
    const ids = await registerVersions('PatchTST', 6);
    await Promise.all(ids.map((id) => stages.changeStage(id, 'production', `user-${id.slice(0, 4)}`)));
    const versions = await tracking.listModelVersions('PatchTST');
    expect(versions.filter((v) => v.stage === 'production')).toHaveLength(1);
    expect(versions.filter((v) => v.stage === 'archived')).toHaveLength(5);
    const changes = (await Promise.all(ids.map((id) => stages.listStageChanges(id)))).flat();
    expect(changes).toHaveLength(6 + 5);
  });

  it('migrates is_production into stage (and back) with an audit row by the migration', async () => {
    const [v1] = await registerVersions('NBEATS', 2);
    await stages.changeStage(v1!, 'production', 'alice');
    // Revert down to (and including) this migration, whatever later ones exist.
    let reverted: string | null;
    do reverted = await revertLastMigration(db(), { force: true });
    while (reverted !== null && reverted !== 'ModelStages1767226500000');
    expect(reverted).toBe('ModelStages1767226500000');
    const [back] = (await db().dataSource.query(`SELECT version, is_production FROM models WHERE name = 'NBEATS' ORDER BY version`)) as {
      version: number;
      is_production: boolean;
    }[][];
    expect(back).toEqual({ version: 1, is_production: true });
    await runMigrations(db());
    expect((await tracking.findModel('NBEATS@production')).version).toBe(1);
    const trail = await stages.listStageChanges(v1!);
    expect(trail.map((c) => `${c.fromStage}->${c.toStage} by ${c.changedBy}`)).toEqual(['none->production by migration']);
  });
});
