import { estimatedFitCost, longestFirst } from './fit-cost';

const job = (model: string, maxSteps: number, extra: object = {}) => ({ model, horizon: 12, hyperparameters: { maxSteps }, ...extra });

describe('estimatedFitCost', () => {
  it('is parameters × maxSteps for a neural model (NHITS has about twice the parameters of MLP), 0 for the others', () => {
    const mlp = estimatedFitCost(job('MLP', 100));
    const nhits = estimatedFitCost(job('nhits', 100));
    expect(mlp).toBeGreaterThan(0);
    expect(nhits / mlp).toBeGreaterThan(1.8);
    expect(estimatedFitCost(job('NHITS', 300))).toBe(3 * nhits);
    expect(estimatedFitCost(job('SeasonalNaive', 100))).toBe(0);
    expect(estimatedFitCost(job('NoSuchModel', 100))).toBe(0);
  });

  it("counts a search's trials and its refit", () => {
    expect(estimatedFitCost(job('MLP', 100, { search: { trials: 4 } }))).toBe(5 * estimatedFitCost(job('MLP', 100)));
  });

  it('estimates 0 for overrides the model rejects (its runner reports them)', () => {
    expect(estimatedFitCost(job('MLP', 100, { hyperparameters: { maxSteps: 100, inputSize: -3 } }))).toBe(0);
  });
});

describe('longestFirst', () => {
  it('orders by estimate, longest first, then the longer horizon; ties keep their order', () => {
    const jobs = [job('MLP', 100), job('SeasonalNaive', 1), job('NHITS', 100), job('Naive', 1), job('MLP', 300)];
    expect(longestFirst(jobs)).toEqual([4, 2, 0, 1, 3]);
    const horizons = [6, 24, 12].map((horizon) => ({ ...job('MLP', 100), horizon }));
    expect(longestFirst(horizons)).toEqual([1, 2, 0]);
  });
});
