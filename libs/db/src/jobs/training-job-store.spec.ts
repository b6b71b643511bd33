import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '../testing';
import { TypeOrmTrainingJobStore } from './typeorm-training-job-store';

jest.setTimeout(60_000);

describe('training job records on PostgreSQL', () => {
  const db = useTestDatabase();
  let store: TypeOrmTrainingJobStore;

  beforeAll(async () => {
    store = new TypeOrmTrainingJobStore(db());
  });

  it('creates, reads back and cancels a job once (the first time is kept)', async () => {
    const jobIds = [randomUUID(), randomUUID()];
    const created = await store.create({ experiment: 'air', request: { models: ['MLP'], horizons: [6] }, jobIds, createdBy: 'alice' });
    const read = await store.get(created.id);
    expect(read).toMatchObject({ experiment: 'air', jobIds, createdBy: 'alice', datasetId: null, cancelledAt: null });
    expect(read.request).toEqual({ models: ['MLP'], horizons: [6] });
    const cancelled = await store.markCancelled(created.id);
    expect(cancelled.cancelledAt).toBeInstanceOf(Date);
    expect((await store.markCancelled(created.id)).cancelledAt).toEqual(cancelled.cancelledAt);
  });

  it('pages newest first without skipping or repeating', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push((await store.create({ experiment: `page-${i}`, request: {}, jobIds: [randomUUID()], createdBy: 'bob' })).id);
    }
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.list({ limit: 2, ...(after === undefined ? {} : { after }) });
      if (page.length === 0) break;
      seen.push(...page.map((job) => job.id));
      after = page[page.length - 1]!.id;
    }
    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('names what is wrong: unknown or malformed ids, a job without queue jobs, a bad cursor', async () => {
    await expect(store.get(randomUUID())).rejects.toThrow(/^training job '[0-9a-f-]{36}' not found$/);
    await expect(store.get('nope')).rejects.toThrow("training job 'nope' not found");
    await expect(store.markCancelled('nope')).rejects.toThrow("training job 'nope' not found");
    await expect(store.create({ experiment: 'x', request: {}, jobIds: [], createdBy: 'c' })).rejects.toThrow(/'jobIds' .* at least one/);
    await expect(store.list({ after: 'x' })).rejects.toThrow(`'after' must be a training job id (a uuid), got "x"`);
  });
});
