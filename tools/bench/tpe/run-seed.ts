import { performance } from 'node:perf_hooks';
import { InMemoryStudyStorage, OPTUNA_TPE_OPTIONS, RandomSampler, Study, TpeSampler, type Sampler } from '@tsforecast/hyperparameter';
import { benchFunctions } from './functions';

/** One (function, sampler, seed) run: best-so-far per trial count and ask() latencies. */
export interface SeedResult {
  readonly bestAt: Record<string, number>;
  /** ask() milliseconds for trials 150–199 (or the last 50). */
  readonly askMs: number[];
}

/**
 * `tpe` (our defaults), `tpe-optuna` (Optuna 5's defaults: 24 candidates, no floor cap),
 * `tpe-univariate`, `tpe-scott` (Optuna's multivariate bandwidth rule), `random`, or
 * `tpe:key=value+key=value` for TpeSampler options (tuning experiments), e.g.
 * `tpe:nEiCandidates=48+bandwidthFloorCap=0.04`.
 */
export function makeSampler(name: string, seed: number): Sampler {
  switch (name) {
    case 'tpe':
      return new TpeSampler({ seed });
    case 'tpe-optuna':
      return new TpeSampler({ seed, ...OPTUNA_TPE_OPTIONS });
    case 'tpe-univariate':
      return new TpeSampler({ seed, multivariate: false });
    case 'tpe-scott':
      return new TpeSampler({ seed, bandwidth: 'scott' });
    case 'random':
      return new RandomSampler({ seed });
    default:
      if (name.startsWith('tpe:')) return new TpeSampler({ seed, ...parseOptions(name.slice(4)) });
      throw new Error(`unknown sampler '${name}' (tpe, tpe-optuna, tpe-univariate, tpe-scott, tpe:<key>=<value>+…, random)`);
  }
}

/** `nEiCandidates=48+multivariate=false` → { nEiCandidates: 48, multivariate: false }. */
function parseOptions(spec: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of spec.split('+')) {
    const [key, raw] = pair.split('=');
    if (!key || raw === undefined) throw new Error(`sampler option '${pair}' must be key=value`);
    out[key] = raw === 'true' ? true : raw === 'false' ? false : Number.isNaN(Number(raw)) ? raw : Number(raw);
  }
  return out;
}

/** Runs one sequential study on the in-memory storage. */
export async function runSeed(
  fn: string,
  sampler: string,
  seed: number,
  trials: number,
  checkpoints: readonly number[],
): Promise<SeedResult> {
  const f = benchFunctions[fn];
  const study = await Study.create({
    name: `${fn}-${sampler}-${seed}`,
    space: f.space,
    storage: new InMemoryStudyStorage(),
    sampler: makeSampler(sampler, seed),
  });
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
