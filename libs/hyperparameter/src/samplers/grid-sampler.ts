import { UsageError } from '@tsforecast/config';
import type { FrozenTrial } from '../frozen-trial';
import { Sfc32 } from '../random/sfc32';
import { cardinality, gridValue, type Distribution } from '../space/distribution';
import type { FlatSpace } from '../space/flat-space';
import { fromModel, modelDomain } from '../space/model-domain';
import type { Sampler, SamplerConfig, SamplingContext, TrialSampling } from './sampler';
import { resolveSeed } from './resolve-seed';

const MAX_GRID = 1_000_000;

/** Options of {@link GridSampler}. */
export interface GridSamplerOptions {
  seed?: number;
  /** Points per continuous float (evenly spaced in model space); without it a continuous float is an error. */
  pointsPerFloat?: number;
  /** Visit the grid in a seeded random order instead of enumeration order. */
  shuffle?: boolean;
}

function valuesOf(name: string, d: Distribution, pointsPerFloat: number | undefined): number[] {
  const n = cardinality(d);
  if (Number.isFinite(n)) return Array.from({ length: n }, (_, k) => gridValue(d, k));
  if (d.kind === 'categorical') return [];
  if (pointsPerFloat === undefined) {
    throw new UsageError(
      `grid search needs discrete parameters: '${name}' is a continuous float; use quniform/randint/choice or set 'pointsPerFloat'`,
    );
  }
  const { low, high } = modelDomain(d);
  if (pointsPerFloat === 1) return [fromModel(d, (low + high) / 2)];
  return Array.from({ length: pointsPerFloat }, (_, k) => fromModel(d, low + ((high - low) * k) / (pointsPerFloat - 1)));
}

/** Every configuration of the space: only active parameters appear in each point. */
export function enumerateGrid(space: FlatSpace, pointsPerFloat?: number): Array<Map<string, number>> {
  const values = space.params.map((p) => valuesOf(p.name, p.distribution, pointsPerFloat));
  const out: Array<Map<string, number>> = [];
  const walk = (i: number, assignment: Map<string, number>): void => {
    if (out.length > MAX_GRID) throw new UsageError(`grid search space has more than ${MAX_GRID} points; use the random or tpe sampler`);
    if (i === space.params.length) {
      out.push(new Map(assignment));
      return;
    }
    const spec = space.params[i];
    const active = spec.conditions.every((c) => assignment.get(c.label) === c.option);
    if (!active) return walk(i + 1, assignment);
    for (const v of values[i]) {
      assignment.set(spec.name, v);
      walk(i + 1, assignment);
    }
    assignment.delete(spec.name);
  };
  walk(0, new Map());
  return out;
}

function keyOf(params: ReadonlyMap<string, number> | Readonly<Record<string, number>>): string {
  const entries = params instanceof Map ? [...params.entries()] : Object.entries(params);
  return entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/**
 * Visits every configuration of the space once (in enumeration order, or a
 * seeded shuffle), skipping points other trials (running ones included) already
 * took; once all are taken it repeats them and {@link GridSampler.exhausted} is true.
 */
export class GridSampler implements Sampler {
  readonly config: SamplerConfig;
  private cache: { space: FlatSpace; points: Array<Map<string, number>>; keys: string[] } | undefined;

  constructor(private readonly options: GridSamplerOptions = {}) {
    if (options.pointsPerFloat !== undefined && !(Number.isInteger(options.pointsPerFloat) && options.pointsPerFloat >= 1)) {
      throw new UsageError(`'pointsPerFloat' must be an integer >= 1, got ${options.pointsPerFloat}`);
    }
    this.config = {
      kind: 'grid',
      seed: resolveSeed(options.seed),
      options: { pointsPerFloat: options.pointsPerFloat, shuffle: options.shuffle === true },
    };
  }

  /** All grid points of `space`, in visiting order. */
  points(space: FlatSpace): ReadonlyArray<ReadonlyMap<string, number>> {
    return this.grid(space).points;
  }

  /** True when every grid point has a trial that is not failed. */
  exhausted(space: FlatSpace, trials: readonly FrozenTrial[]): boolean {
    const taken = this.taken(trials);
    return this.grid(space).keys.every((k) => taken.has(k));
  }

  begin(context: SamplingContext): TrialSampling {
    const { points, keys } = this.grid(context.space);
    if (points.length === 0) throw new UsageError('grid search space is empty');
    const taken = this.taken(context.trials);
    let index = keys.findIndex((k) => !taken.has(k));
    if (index < 0) index = context.trialNumber % points.length;
    const point = points[index];
    return {
      relative: point,
      independent: (name) => {
        throw new UsageError(`grid point has no value for parameter '${name}'`);
      },
    };
  }

  private taken(trials: readonly FrozenTrial[]): Set<string> {
    return new Set(trials.filter((t) => t.state !== 'failed').map((t) => keyOf(t.params)));
  }

  private grid(space: FlatSpace): { points: Array<Map<string, number>>; keys: string[] } {
    if (this.cache?.space !== space) {
      const points = enumerateGrid(space, this.options.pointsPerFloat);
      if (this.options.shuffle) {
        const rng = new Sfc32(this.config.seed);
        for (let i = points.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [points[i], points[j]] = [points[j], points[i]];
        }
      }
      this.cache = { space, points, keys: points.map(keyOf) };
    }
    return this.cache;
  }
}
