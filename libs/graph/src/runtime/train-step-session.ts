import type * as ort from 'onnxruntime-node';
import { silentLogger, type Logger } from '@tsforecast/config';
import type { CompiledTrainStep } from '../compile/compiled-types';
import type { ParameterValues } from '../compile/export-inference';
import { GraphRuntimeError } from '../ir/graph-error';
import { Xoshiro128 } from '../init/xoshiro128';
import { createSession } from './create-session';
import { concreteDims } from '../ir/concrete-dims';
import { bindFeeds, type Feeds } from './feeds';
import { onnxRuntime } from './onnx-runtime';
import type { Backend, RuntimeOptions } from './session-options';
import { copyValues, checkValues } from './parameter-values';
import { freeOutputCopies } from './output-copies';

/** Options of {@link TrainStepSession.create}. */
export interface TrainSessionOptions extends RuntimeOptions {
  /** Seed of the dropout masks (default 0). */
  readonly seed?: number;
  /** Starting values instead of the graph's initial values (e.g. a checkpoint). */
  readonly initialValues?: ParameterValues;
  readonly logger?: Logger;
}

/** Host-side timing of the steps run so far (milliseconds). */
export interface StepTimings {
  readonly steps: number;
  /** Wall time inside `session.run`. */
  readonly runMs: number;
  /** Wall time of whole `run()` calls (host work + session.run). */
  readonly totalMs: number;
}

interface Slot {
  readonly input: string;
  readonly output: string;
  readonly role: 'param' | 'state' | 'optimizer';
  /** Two buffers and their tensors: [current, next]; swapped after every step. */
  buffers: [Float32Array, Float32Array];
  tensors: [ort.Tensor, ort.Tensor];
}

/**
 * Runs compiled train steps. Owns the parameters, states and optimizer state in
 * preallocated double buffers: each step reads the current buffers and ORT
 * writes the next values straight into the other ones (preallocated outputs),
 * then they swap — no copies, no tensors created per step.
 *
 * @example
 * const step = await TrainStepSession.create(compileTrainStep(g, { loss, optimizer: { kind: 'adam' } }), { threads: 2 });
 * for (const batch of batches) await step.run({ x: batch.x, y: batch.y }, 1e-3);
 * const best = step.parameters();
 */
export class TrainStepSession {
  private stepCount = 0;
  private readonly slots: Slot[];
  private readonly byName = new Map<string, Slot>();
  /** Persistents not in the train graph (kept as they are). */
  private readonly idle = new Map<string, Float32Array>();
  private readonly lr = scalarTensor();
  private readonly step = scalarTensor();
  private readonly loss = scalarTensor();
  private readonly gradNorm = scalarTensor();
  private readonly prng: Xoshiro128;
  private readonly masks = new Map<string, ort.Tensor>();
  private timing = { steps: 0, runMs: 0, totalMs: 0 };
  private outputsInPlace: boolean | undefined;
  /** The buffers this session owns: never freed as output copies. */
  private readonly ownBuffers = new Set<ArrayBufferLike>();

  private constructor(
    private readonly compiled: CompiledTrainStep,
    private readonly session: ort.InferenceSession,
    /** The execution provider in use. */
    readonly backend: Backend,
    options: TrainSessionOptions,
  ) {
    this.prng = new Xoshiro128(options.seed ?? 0, 'dropout');
    const initial = new Map(compiled.persistents.map((p) => [p.name, options.initialValues?.[p.name] ?? p.init]));
    if (options.initialValues) checkValues(compiled.persistents, options.initialValues, 'initialValues');
    this.slots = compiled.slots.map((s) => {
      const n = s.shape.reduce((a, b) => a * b, 1);
      const a = new Float32Array(n);
      const b = new Float32Array(n);
      if (s.role !== 'optimizer') a.set(initial.get(s.input)!);
      const dims = [...s.shape];
      const slot: Slot = {
        input: s.input,
        output: s.output,
        role: s.role,
        buffers: [a, b],
        tensors: [new (onnxRuntime().Tensor)('float32', a, dims), new (onnxRuntime().Tensor)('float32', b, dims)],
      };
      this.byName.set(s.input, slot);
      return slot;
    });
    for (const slot of this.slots) for (const b of slot.buffers) this.ownBuffers.add(b.buffer);
    for (const t of [this.lr, this.step, this.loss, this.gradNorm]) this.ownBuffers.add((t.data as Float32Array).buffer);
    for (const p of compiled.persistents) if (!this.byName.has(p.name)) this.idle.set(p.name, Float32Array.from(initial.get(p.name)!));
  }

  /** Creates the ORT session (execution provider per `options.backend`, CPU fallback). */
  static async create(compiled: CompiledTrainStep, options: TrainSessionOptions = {}): Promise<TrainStepSession> {
    const { session, backend } = await createSession(compiled.model, options, options.logger ?? silentLogger);
    return new TrainStepSession(compiled, session, backend, options);
  }

  /** Steps run so far. */
  get steps(): number {
    return this.stepCount;
  }

  /**
   * One optimisation step on a batch; returns the loss (before the update).
   * Throws `Loss became NaN at step N (lr=…)` and keeps the previous weights when the loss is not finite.
   */
  async run(feeds: Feeds, lr: number): Promise<number> {
    const t0 = performance.now();
    const { tensors, symbols } = bindFeeds(this.compiled.feeds, feeds);
    for (const m of this.compiled.masks) tensors[m.name] = this.fillMask(m.name, concreteDims(m.shape, symbols, m.name), m.p);
    for (const s of this.slots) tensors[s.input] = s.tensors[0];
    const step = this.stepCount + 1;
    (this.lr.data as Float32Array)[0] = lr;
    (this.step.data as Float32Array)[0] = step;
    tensors[this.compiled.names.lr] = this.lr;
    tensors[this.compiled.names.step] = this.step;
    const fetches: Record<string, ort.Tensor> = { [this.compiled.names.loss]: this.loss };
    for (const s of this.slots) fetches[s.output] = s.tensors[1];
    if (this.compiled.names.gradNorm) fetches[this.compiled.names.gradNorm] = this.gradNorm;
    const r0 = performance.now();
    let out: ort.InferenceSession.ReturnType;
    try {
      out = await this.session.run(tensors, fetches);
    } catch (e) {
      throw new GraphRuntimeError(`train step ${step} failed in ONNX Runtime: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const r1 = performance.now();
    const loss = (out[this.compiled.names.loss].data as Float32Array)[0];
    if (!Number.isFinite(loss)) throw new GraphRuntimeError(`Loss became ${Number.isNaN(loss) ? 'NaN' : 'Inf'} at step ${step} (lr=${lr})`);
    for (const s of this.slots) {
      const produced = out[s.output].data as Float32Array;
      // onnxruntime-node fills preallocated outputs (and returns another view); checked once, then trusted.
      if (this.outputsInPlace === undefined) this.outputsInPlace = produced.every((v, i) => Object.is(v, s.buffers[1][i]));
      if (!this.outputsInPlace) s.buffers[1].set(produced);
      s.buffers.reverse();
      s.tensors.reverse();
    }
    freeOutputCopies(out, this.ownBuffers);
    this.stepCount = step;
    this.timing.steps++;
    this.timing.runMs += r1 - r0;
    this.timing.totalMs += performance.now() - t0;
    return loss;
  }

  /** Global gradient norm of the last step (only when compiled with `clipGradNorm`). */
  lastGradNorm(): number | undefined {
    return this.compiled.names.gradNorm ? (this.gradNorm.data as Float32Array)[0] : undefined;
  }

  /** A copy of every parameter and state value, by name. */
  parameters(): Record<string, Float32Array> {
    const out: Record<string, Float32Array> = {};
    for (const p of this.compiled.persistents) out[p.name] = Float32Array.from(this.current(p.name));
    return out;
  }

  /** Restores parameter/state values (e.g. the best validation weights). Optimizer state is kept. */
  loadParameters(values: ParameterValues): void {
    checkValues(this.compiled.persistents, values, 'loadParameters');
    for (const [name, v] of Object.entries(values)) {
      const slot = this.byName.get(name);
      if (slot) slot.buffers[0].set(v);
      else copyValues(this.idle, name, v);
    }
  }

  /** The current ORT tensor of a persistent (no copy); used by {@link EvalSession}. @internal */
  currentTensor(name: string): ort.Tensor {
    const slot = this.byName.get(name);
    if (slot) return slot.tensors[0];
    const v = this.idle.get(name);
    if (!v) throw new GraphRuntimeError(`no parameter or state named '${name}'`);
    return new (onnxRuntime().Tensor)('float32', v, [...this.compiled.persistents.find((p) => p.name === name)!.shape]);
  }

  /** Timing totals since creation or the last {@link resetTimings}. */
  timings(): StepTimings {
    return { ...this.timing };
  }

  resetTimings(): void {
    this.timing = { steps: 0, runMs: 0, totalMs: 0 };
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private current(name: string): Float32Array {
    return this.byName.get(name)?.buffers[0] ?? this.idle.get(name)!;
  }

  private fillMask(name: string, dims: number[], p: number): ort.Tensor {
    const n = dims.reduce((a, b) => a * b, 1);
    let t = this.masks.get(name);
    if (!t || t.dims.join() !== dims.join()) {
      t = new (onnxRuntime().Tensor)('float32', new Float32Array(n), dims);
      this.masks.set(name, t);
    }
    this.prng.fillDropoutMask(t.data as Float32Array, p, 1 / (1 - p));
    return t;
  }
}

/** A float32 scalar fed or fetched each step (learning rate, step, loss, gradient norm). */
function scalarTensor(): ort.Tensor {
  return new (onnxRuntime().Tensor)('float32', new Float32Array(1), []);
}
