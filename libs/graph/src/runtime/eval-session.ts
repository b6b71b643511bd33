import type * as ort from 'onnxruntime-node';
import { silentLogger, type Logger } from '@tsforecast/config';
import type { CompiledEval } from '../compile/compiled-types';
import type { ParameterValues } from '../compile/export-inference';
import { GraphRuntimeError } from '../ir/graph-error';
import { createSession } from './create-session';
import { bindFeeds, type Feeds } from './feeds';
import { onnxRuntime } from './onnx-runtime';
import { checkValues } from './parameter-values';
import type { Backend, RuntimeOptions } from './session-options';
import { TrainStepSession } from './train-step-session';

/** A computed output: data and concrete dims. */
export interface OutputValue {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/**
 * Runs the eval graph (no dropout, BatchNorm on running stats) with weights
 * taken from a {@link TrainStepSession} (its current buffers, no copy) or from
 * plain values.
 *
 * @example
 * const evalSession = await EvalSession.create(compileEval(g, { extra: { loss } }));
 * const { loss: valLoss } = await evalSession.run(valBatch, trainSession);
 */
export class EvalSession {
  private constructor(
    private readonly compiled: CompiledEval,
    private readonly session: ort.InferenceSession,
    readonly backend: Backend,
  ) {}

  static async create(compiled: CompiledEval, options: RuntimeOptions & { logger?: Logger } = {}): Promise<EvalSession> {
    const { session, backend } = await createSession(compiled.model, options, options.logger ?? silentLogger);
    return new EvalSession(compiled, session, backend);
  }

  /** Computes every output of the eval graph for a batch. */
  async run(feeds: Feeds, weights: TrainStepSession | ParameterValues): Promise<Record<string, OutputValue>> {
    const { tensors } = bindFeeds(this.compiled.feeds, feeds);
    if (!(weights instanceof TrainStepSession)) checkValues(this.compiled.persistents, weights, 'EvalSession.run');
    for (const name of this.compiled.persistentInputs) {
      if (weights instanceof TrainStepSession) tensors[name] = weights.currentTensor(name);
      else {
        const spec = this.compiled.persistents.find((p) => p.name === name)!;
        tensors[name] = new (onnxRuntime().Tensor)('float32', weights[name] ?? spec.init, [...spec.shape]);
      }
    }
    let out: ort.InferenceSession.ReturnType;
    try {
      out = await this.session.run(tensors);
    } catch (e) {
      throw new GraphRuntimeError(`eval failed in ONNX Runtime: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const result: Record<string, OutputValue> = {};
    for (const o of this.compiled.outputs) result[o.name] = { data: out[o.name].data as Float32Array, dims: [...out[o.name].dims] };
    return result;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
