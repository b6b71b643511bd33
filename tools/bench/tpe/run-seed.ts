import { performance } from 'node:perf_hooks';
import { InMemoryStudyStorage, RandomSampler, Study, TpeSampler, type Sampler } from '@tsforecast/hyperparameter';
import { benchFunctions } from './functions';

/** One (function, sampler, seed) run: best-so-far per trial count and ask() latencies. */
export interface SeedResult {
  readonly bestAt: Record<string, number>;
  /** ask() milliseconds for trials 150–199 (or the last 50). */
  readonly askMs: number[];
}

/** `tpe` (defaults), `tpe-univariate`, `tpe-scott` (Optuna ≤ 4 multivariate bandwidth) or `random`. */
export function makeSampler(name: string, seed: number): Sampler {
  switch (name) {
    case 'tpe':
      return new TpeSampler({ seed });
    case 'tpe-univariate':
      return new TpeSampler({ seed, multivariate: false });
    case 'tpe-scott':
      return new TpeSampler({ seed, bandwidth: 'scott' });
    case 'random':
      return new RandomSampler({ seed });
    default:
      // `tpe-bw0.8`: TPE with the bandwidth scaled (for tuning experiments).
      if (/^tpe-bw[0-9.]+$/.test(name)) return new TpeSampler({ seed, bandwidthScale: Number(name.slice(6)) });
      throw new Error(`unknown sampler '${name}' (tpe, tpe-univariate, tpe-scott, tpe-bw<scale>, random)`);
  }
}

/** Runs one sequential study on the in-memory storage. */
export async function runSeed(fn: string, sampler: string, seed: number, trials: number, checkpoints: readonly number[]): Promise<SeedResult> {
  const f = benchFunctions[fn];
  const study = await Study.create({ name: `${fn}-${sampler}-${seed}`, space: f.space, storage: new InMemoryStudyStorage(), sampler: makeSampler(sampler, seed) });
  const bestAt: Record<string, number> = {};
  const askMs: number[] = [];
  const latencyFrom = Math.max(0, Math.min(150, trials - 50));
  let best = Infinity;
  for (let i = 0; i < trials; i++) {
    const t0 = performance.now();
    const trial = await study.ask();
    const dt = performance.now() - t0;
    if (i >= latencyFrom) askMs.push(dt);
    const value = f.evaluate(trial.params);
    await study.tell(trial, value);
    best = Math.min(best, value);
    if (checkpoints.includes(i + 1)) bestAt[String(i + 1)] = best;
  }
  return { bestAt, askMs };
}
