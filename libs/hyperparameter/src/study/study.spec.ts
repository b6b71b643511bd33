import { MemoryLogger } from '@tsforecast/config/testing';
import { Container } from 'inversify';
import { PrunerFactory, SamplerFactory, hyperparameterModule } from '../hyperparameter-module';
import { RandomSampler } from '../samplers/random-sampler';
import { randint, uniform } from '../space/expressions';
import { InMemoryStudyStorage } from './in-memory-study-storage';
import { Study } from './study';
import { TrialPruned } from './trial-pruned';

const space = { x: uniform('x', 0, 1), n: randint('n', 1, 3) };

describe('Study.optimize', () => {
  it('runs trials concurrently, records pruned and failed trials, and stops on an error unless told to catch', async () => {
    const logger = new MemoryLogger();
    const study = await Study.create({
      name: 'opt',
      space,
      storage: new InMemoryStudyStorage(),
      sampler: new RandomSampler({ seed: 1 }),
      logger,
    });
    let inFlight = 0;
    let maxInFlight = 0;
    await study.optimize(
      async (trial) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        if (trial.number % 5 === 1) throw new TrialPruned(trial.number);
        if (trial.number % 5 === 2) throw new Error('diverged');
        return trial.params.x;
      },
      { nTrials: 10, concurrency: 3, catchErrors: true },
    );
    expect(maxInFlight).toBe(3);
    const states = (await study.trials()).map((t) => t.state);
    expect(states.filter((s) => s === 'pruned')).toHaveLength(2);
    expect(states.filter((s) => s === 'failed')).toHaveLength(2);
    expect(logger.records.some((r) => /trial 2 failed: diverged/.test(r.message))).toBe(true);

    await expect(
      study.optimize(
        () => {
          throw new Error('boom');
        },
        { nTrials: 5 },
      ),
    ).rejects.toThrow('boom');
    expect(await study.trials()).toHaveLength(11);
    await expect(study.optimize(() => 1, {})).rejects.toThrow(/optimize needs 'nTrials' or 'timeoutSeconds'/);
    await expect(study.optimize(() => 1, { nTrials: 1, concurrency: 0 })).rejects.toThrow(/'concurrency' must be an integer >= 1, got 0/);
  });

  it('stops starting trials after the timeout', async () => {
    const study = await Study.create({
      name: 'timeout',
      space,
      storage: new InMemoryStudyStorage(),
      sampler: new RandomSampler({ seed: 1 }),
    });
    await study.optimize(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return 0;
      },
      { timeoutSeconds: 0.1 },
    );
    const n = (await study.trials()).length;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(4);
  });
});

describe('hyperparameterModule', () => {
  it('binds sampler and pruner factories by name', () => {
    const container = new Container();
    container.load(hyperparameterModule);
    expect(container.get<SamplerFactory>(SamplerFactory)('tpe', { seed: 3 }).config).toMatchObject({ kind: 'tpe', seed: 3 });
    expect(container.get<SamplerFactory>(SamplerFactory)('grid').config.kind).toBe('grid');
    expect(container.get<PrunerFactory>(PrunerFactory)('sha').config).toMatchObject({
      kind: 'sha',
      options: { reductionFactor: 4, minResource: 'auto' },
    });
    expect(() => container.get<PrunerFactory>(PrunerFactory)('asha')).toThrow(
      /'pruner' must be one of median, percentile, sha, hyperband, none, got 'asha'/,
    );
  });
});
