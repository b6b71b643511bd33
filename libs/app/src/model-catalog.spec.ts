import 'reflect-metadata';
import { buildModelCatalog } from './model-catalog';

describe('buildModelCatalog', () => {
  it('lists every registered model (baselines, statistical, neural) without settings or a database', () => {
    const models = buildModelCatalog().list();
    const names = models.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['Naive', 'SeasonalNaive', 'AutoETS', 'NHITS', 'PatchTST']));
    expect(models.find((m) => m.name === 'NHITS')).toEqual({ name: 'NHITS', kind: 'neural', description: expect.any(String) });
    expect(new Set(names).size).toBe(names.length);
  });
});
