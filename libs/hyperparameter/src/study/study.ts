import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { NotFoundError, UsageError, silentLogger, type Logger } from '@tsforecast/config';
import type { Direction } from '../frozen-trial';
import { createPruner, prunerFromConfig } from '../pruners/create-pruner';
import type { Pruner } from '../pruners/pruner';
import { samplerFromConfig } from '../samplers/create-sampler';
import type { Sampler } from '../samplers/sampler';
import { TpeSampler } from '../samplers/tpe/tpe-sampler';
import type { Distribution } from '../space/distribution';
import type { Sampled } from '../space/expressions';
import { flattenSpace, type FlatSpace } from '../space/flat-space';
import { configFromParams, materialize } from '../space/materialize';
import type { StudyRecord, StudyStorage, TrialRecord } from './study-storage';
import type { Trial } from './trial';
import { TrialPruned } from './trial-pruned';

/** Options of {@link Study.create}. */
export interface CreateStudyOptions<S> {
  name: string;
  space: S;
  storage: StudyStorage;
  direction?: Direction;
  /** Default: `new TpeSampler()` (seeded from the OS; the seed is stored with the study). */
  sampler?: Sampler;
  /** Default: no pruning. */
  pruner?: Pruner;
  logger?: Logger;
  /** Recorded on each trial this process asks for. Default host:pid:random. */
  workerId?: string;
}

/** Options of {@link Study.load}. */
export interface LoadStudyOptions<S> {
  storage: StudyStorage;
  /** The space to sample from; default the stored one. */
  space?: S;
  /** Default: the stored sampler config (same kind, seed and options). */
  sampler?: Sampler;
  /** Default: the stored pruner config. */
  pruner?: Pruner;
  logger?: Logger;
  workerId?: string;
  /**
   * Marks trials left `running` by a dead process as failed: `true` for all of
   * them (only when no other worker is active), or those older than a limit.
   */
  failStaleTrials?: boolean | { olderThanSeconds: number };
}

/** Options of {@link Study.optimize}. */
export interface OptimizeOptions<S = unknown> {
  /** Trials to start in this call. */
  nTrials?: number;
  /** Stop starting new trials after this many seconds. */
  timeoutSeconds?: number;
  /** Trials in flight at once (the constant liar sees the running ones). Default 1. */
  concurrency?: number;
  /**
   * Trials of the study that did not fail (running ones included, whoever runs
   * them) after which no trial starts: the budget several processes share (see {@link Study.askWithin}).
   */
  budget?: number;
  /** Stop starting new trials once aborted. */
  signal?: AbortSignal;
  /** Keep going when the objective throws (the trial is marked failed). Default false. */
  catchErrors?: boolean;
  /**
   * Called once a trial's outcome is stored (after `tell`), with the objective's
   * value, or 'pruned'/'failed' and the error: the place to record the outcome
   * elsewhere, so that nothing claims a result the study has not stored.
   */
  afterTell?: (trial: Trial<S>, result: number | 'pruned' | 'failed', error?: unknown) => Promise<void> | void;
}

/** The objective: evaluates a trial's config, returns the value to minimise/maximise. */
export type Objective<S> = (trial: Trial<S>) => Promise<number> | number;

/** A finished trial with its typed config. */
export interface BestTrial<S> {
  readonly number: number;
  readonly value: number;
  readonly params: Sampled<S>;
}

/**
 * A hyperparameter study: an ask/tell loop over a search space, persisted in a
 * {@link StudyStorage} so it can be resumed and shared by several processes.
 *
 * @example
 * const study = await Study.create({ name: 'nhits-h24', space, storage, sampler: new TpeSampler({ seed: 1 }) });
 * const trial = await study.ask();
 * await study.tell(trial, await evaluate(trial.params));
 */
export class Study<S> {
  private readonly flat: FlatSpace;

  private constructor(
    readonly record: StudyRecord,
    readonly space: S,
    private readonly storage: StudyStorage,
    readonly sampler: Sampler,
    readonly pruner: Pruner,
    private readonly logger: Logger,
    private readonly workerId: string,
  ) {
    this.flat = flattenSpace(space);
  }

  /** Creates a new study; a `UsageError` if the name exists. */
  static async create<S>(options: CreateStudyOptions<S>): Promise<Study<S>> {
    if (!options.name) throw new UsageError(`'name' of a study must be a non-empty string, got ${JSON.stringify(options.name)}`);
    flattenSpace(options.space);
    const sampler = options.sampler ?? new TpeSampler();
    const pruner = options.pruner ?? createPruner('none');
    const record = await options.storage.createStudy({
      name: options.name,
      direction: options.direction ?? 'minimize',
      sampler: sampler.config,
      pruner: pruner.config,
      space: JSON.parse(JSON.stringify(options.space)) as unknown,
    });
    const logger = options.logger ?? silentLogger;
    return new Study(record, options.space, options.storage, sampler, pruner, logger, options.workerId ?? defaultWorkerId());
  }

  /** Opens an existing study to continue it; a `NotFoundError` if there is none. */
  static async load<S = unknown>(name: string, options: LoadStudyOptions<S>): Promise<Study<S>> {
    const record = await options.storage.findStudy(name);
    if (!record) throw new NotFoundError(`study '${name}' not found`);
    const logger = options.logger ?? silentLogger;
    const space = (options.space ?? record.space) as S;
    if (options.space !== undefined && canonicalJson(options.space) !== canonicalJson(record.space)) {
      logger.warn(
        `study '${name}': the given search space differs from the stored one; trials with other distributions are ignored by the sampler`,
      );
    }
    const study = new Study(
      record,
      space,
      options.storage,
      options.sampler ?? samplerFromConfig(record.sampler),
      options.pruner ?? prunerFromConfig(record.pruner),
      logger,
      options.workerId ?? defaultWorkerId(),
    );
    if (options.failStaleTrials) {
      const seconds = options.failStaleTrials === true ? 0 : options.failStaleTrials.olderThanSeconds;
      const failed = await options.storage.failRunningTrials(record.id, new Date(Date.now() - seconds * 1000));
      if (failed.length > 0)
        logger.warn(`study '${name}': marked ${failed.length} stale running trial(s) as failed: ${failed.join(', ')}`, {
          study: name,
          trials: failed,
        });
    }
    return study;
  }

  /** Loads the study if it exists (also when another process creates it at the same time), else creates it. */
  static async createOrLoad<S>(options: CreateStudyOptions<S> & Pick<LoadStudyOptions<S>, 'failStaleTrials'>): Promise<Study<S>> {
    const load = (): Promise<Study<S>> => Study.load(options.name, { ...options });
    if (await options.storage.findStudy(options.name)) return load();
    try {
      return await Study.create(options);
    } catch (error) {
      if (await options.storage.findStudy(options.name)) return load();
      throw error;
    }
  }

  get name(): string {
    return this.record.name;
  }

  get direction(): Direction {
    return this.record.direction;
  }

  /**
   * Starts a trial: allocates its number and samples its config (running trials
   * count for the constant liar). `check` sees the other trials under the
   * study's lock; what it throws aborts the ask.
   */
  async ask(check?: (trials: readonly TrialRecord[]) => void): Promise<Trial<S>> {
    let config: Sampled<S> | undefined;
    const record = await this.storage.createTrial(
      this.record.id,
      (trials, number) => {
        check?.(trials);
        const sampling = this.sampler.begin({ trials, direction: this.record.direction, trialNumber: number, space: this.flat });
        const drawn = materialize(this.space, this.flat, (name, d) => sampling.relative.get(name) ?? sampling.independent(name, d));
        config = drawn.config;
        const distributions: Record<string, Distribution> = {};
        for (const name of Object.keys(drawn.params)) distributions[name] = this.flat.byName.get(name)!.distribution;
        return { params: drawn.params, distributions };
      },
      { workerId: this.workerId },
    );
    return this.handle(record, config ?? configFromParams(this.space, this.flat, record.params));
  }

  /**
   * Starts a trial only while the study has fewer than `budget` trials that did
   * not fail (running ones count): the check and the new trial happen under the
   * study's lock, so processes asking at once never overshoot the budget.
   * Undefined when the budget is used.
   *
   * @example
   * const trial = await study.askWithin(20); // undefined once 20 trials ran or run
   */
  async askWithin(budget: number): Promise<Trial<S> | undefined> {
    if (!(Number.isInteger(budget) && budget >= 0)) throw new UsageError(`'budget' must be an integer >= 0, got ${budget}`);
    try {
      return await this.ask((trials) => {
        if (trials.filter((t) => t.state !== 'failed').length >= budget) throw new BudgetUsed();
      });
    } catch (error) {
      if (error instanceof BudgetUsed) return undefined;
      throw error;
    }
  }

  /**
   * Finishes a trial: a number completes it (NaN fails it), `'pruned'` records
   * it as pruned with its last intermediate value, `'failed'` as failed.
   */
  async tell(trial: Pick<Trial<S>, 'id' | 'number'>, result: number | 'pruned' | 'failed'): Promise<void> {
    if (result === 'failed') {
      await this.storage.finishTrial(trial.id, 'failed', null);
    } else if (result === 'pruned') {
      const trials = await this.storage.listTrials(this.record.id);
      const own = trials.find((t) => t.id === trial.id);
      const last = own?.intermediate[own.intermediate.length - 1];
      await this.storage.finishTrial(trial.id, 'pruned', last && Number.isFinite(last[1]) ? last[1] : null);
    } else if (Number.isNaN(result)) {
      this.logger.warn(`study '${this.name}': trial ${trial.number} returned NaN; marked failed`);
      await this.storage.finishTrial(trial.id, 'failed', null);
    } else {
      await this.storage.finishTrial(trial.id, 'complete', result);
    }
  }

  /**
   * Runs `objective` on new trials until `nTrials` were started, the timeout
   * passed, the study's `budget` is used, the signal aborted or a finite sampler (grid) ran out. An objective that throws
   * {@link TrialPruned} is recorded as pruned; another error fails the trial and
   * stops the loop (unless `catchErrors`).
   */
  async optimize(objective: Objective<S>, options: OptimizeOptions<S> = {}): Promise<void> {
    const concurrency = options.concurrency ?? 1;
    if (!(Number.isInteger(concurrency) && concurrency >= 1))
      throw new UsageError(`'concurrency' must be an integer >= 1, got ${concurrency}`);
    if (options.nTrials !== undefined && !(Number.isInteger(options.nTrials) && options.nTrials >= 0))
      throw new UsageError(`'nTrials' must be an integer >= 0, got ${options.nTrials}`);
    if (options.timeoutSeconds !== undefined && !(options.timeoutSeconds > 0))
      throw new UsageError(`'timeoutSeconds' must be > 0, got ${options.timeoutSeconds}`);
    if (options.nTrials === undefined && options.timeoutSeconds === undefined && !this.sampler.exhausted) {
      throw new UsageError(`optimize needs 'nTrials' or 'timeoutSeconds' (only a grid search ends by itself)`);
    }
    const deadline = options.timeoutSeconds === undefined ? Infinity : Date.now() + options.timeoutSeconds * 1000;
    let started = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (failure === undefined) {
        if (options.nTrials !== undefined && started >= options.nTrials) return;
        if (Date.now() >= deadline || options.signal?.aborted) return;
        if (this.sampler.exhausted && this.sampler.exhausted(this.flat, await this.storage.listTrials(this.record.id))) return;
        started++;
        const trial = options.budget === undefined ? await this.ask() : await this.askWithin(options.budget);
        if (trial === undefined) return;
        let result: number | 'pruned' | 'failed';
        let thrown: unknown;
        try {
          result = await objective(trial);
        } catch (error) {
          thrown = error;
          if (error instanceof TrialPruned) {
            result = 'pruned';
          } else {
            result = 'failed';
            this.logger.warn(
              `study '${this.name}': trial ${trial.number} failed: ${error instanceof Error ? error.message : String(error)}`,
              { study: this.name, trial: trial.number },
            );
            if (!options.catchErrors) failure ??= { error };
          }
        }
        await this.tell(trial, result);
        await options.afterTell?.(trial, result, thrown);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (failure) throw failure.error;
  }

  /** All trials, ordered by number. */
  async trials(): Promise<TrialRecord[]> {
    return this.storage.listTrials(this.record.id);
  }

  /** The best complete trial, or undefined when none completed. */
  async bestTrial(): Promise<BestTrial<S> | undefined> {
    const sign = this.record.direction === 'minimize' ? 1 : -1;
    let best: TrialRecord | undefined;
    for (const t of await this.trials()) {
      if (t.state !== 'complete' || t.value === null) continue;
      if (!best || sign * t.value < sign * (best.value as number)) best = t;
    }
    if (!best) return undefined;
    return { number: best.number, value: best.value as number, params: configFromParams(this.space, this.flat, best.params) };
  }

  private handle(record: TrialRecord, params: Sampled<S>): Trial<S> {
    const storage = this.storage;
    return {
      id: record.id,
      number: record.number,
      params,
      rawParams: record.params,
      report: async (step: number, value: number) => {
        if (!Number.isInteger(step) || step < 0) throw new UsageError(`'step' must be an integer >= 0, got ${step}`);
        await storage.reportIntermediate(record.id, step, value);
      },
      shouldPrune: async () => {
        const trials = await storage.listTrials(this.record.id);
        const own = trials.find((t) => t.id === record.id);
        if (!own) return false;
        return this.pruner.shouldPrune({ trial: own, trials, direction: this.record.direction });
      },
    };
  }
}

/** Thrown inside the locked ask of {@link Study.askWithin} when the budget is used (never escapes it). */
class BudgetUsed extends Error {}

/** JSON with object keys sorted: jsonb does not keep key order, so a stored space comes back reordered. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
