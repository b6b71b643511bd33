import type { GraphBuilder } from '../builder/graph-builder';
import { gradients } from '../autodiff/gradients';
import { formatShape } from '../ir/dim';
import { GraphError } from '../ir/graph-error';
import type { InputNode, ParamNode, Tensor } from '../ir/node';
import { emitGraph } from '../onnx/emit-graph';
import { encodeModel } from '../onnx/encode-model';
import type { CompiledTrainStep, FeedSpec, MaskSpec, PersistentSpec, SlotSpec } from './compiled-types';
import { updateParameter, type OptimizerSpec } from './optimizers';
import { specialise } from './specialize';

/** Options of {@link compileTrainStep}. */
export interface TrainStepOptions {
  /** Scalar loss `[]` of the source graph. */
  readonly loss: Tensor;
  readonly optimizer: OptimizerSpec;
  /** Global L2 norm limit of the gradients (PyTorch `clip_grad_norm_`); off when absent. */
  readonly clipGradNorm?: number;
}

export const TRAIN_NAMES = { loss: 'loss', lr: 'optim.lr', step: 'optim.step', gradNorm: 'grad_norm' } as const;

/** Output name of the next value of a carried tensor. */
export function nextName(input: string): string {
  return `next.${input}`;
}

/** The persistents (parameters and states) of a graph, for sessions and export. */
export function persistentSpecs(g: GraphBuilder): PersistentSpec[] {
  return g.persistents().map((p) => ({ name: p.name, shape: p.shape as number[], trainable: p.trainable, init: p.init }));
}

/**
 * Compiles one training step into an ONNX model: forward in train mode,
 * reverse-mode gradients, optional global-norm clipping and the optimizer update.
 *
 * Inputs: the data inputs the loss needs, dropout masks, every carried slot
 * (parameters, BatchNorm states, optimizer states), `optim.lr: []`, `optim.step: []`.
 * Outputs: `loss`, `next.<slot>` for every slot (and `grad_norm` when clipping).
 *
 * @example
 * const compiled = compileTrainStep(g, { loss, optimizer: { kind: 'adam' } });
 * const step = await TrainStepSession.create(compiled, { seed: 1 });
 */
export function compileTrainStep(source: GraphBuilder, options: TrainStepOptions): CompiledTrainStep {
  if (options.loss.shape.length !== 0)
    throw new GraphError(
      `compileTrainStep: the loss must be a scalar [], got ${formatShape(options.loss.shape)} at '${options.loss.name}'`,
    );
  if (options.clipGradNorm !== undefined && !(options.clipGradNorm > 0))
    throw new GraphError(`compileTrainStep: 'clipGradNorm' must be > 0, got ${options.clipGradNorm}`);
  const sp = specialise(source, 'train', [options.loss, ...source.assignments.map((a) => a.value)]);
  const g = sp.graph;
  const loss = sp.map(options.loss);
  const params = g.persistents().filter((p) => p.trainable);
  if (params.length === 0) throw new GraphError('compileTrainStep: the loss depends on no trainable parameter');
  let grads = gradients(g, loss, params);
  const lr = g.input(TRAIN_NAMES.lr, []);
  const step = g.input(TRAIN_NAMES.step, []);
  let gradNorm: Tensor | undefined;
  if (options.clipGradNorm !== undefined) {
    // total = √Σ‖g‖²;  g ← g · min(max_norm / (total + 1e-6), 1)
    const squares = grads.map((gr) =>
      g.reduceSum(
        g.mul(gr, gr),
        gr.shape.map((_, i) => i),
      ),
    );
    const total = g.sqrt(squares.reduce((a, b) => g.add(a, b)));
    const coef = g.minimum(g.div(options.clipGradNorm, g.add(total, 1e-6)), 1);
    grads = grads.map((gr) => g.mul(gr, coef));
    gradNorm = total;
  }
  const outputs: { name: string; tensor: Tensor }[] = [{ name: TRAIN_NAMES.loss, tensor: loss }];
  const slots: SlotSpec[] = [];
  const slotInputs: Tensor[] = [];
  const carry = (input: Tensor, next: Tensor, role: SlotSpec['role']) => {
    slots.push({ input: input.name, output: nextName(input.name), shape: input.shape as number[], role });
    slotInputs.push(input);
    outputs.push({ name: nextName(input.name), tensor: next });
  };
  params.forEach((p, i) => {
    const u = updateParameter(g, options.optimizer, p.name, p, grads[i], lr, step);
    carry(p, u.next, 'param');
    for (const s of u.slots) carry(s.input, s.next, 'optimizer');
  });
  for (const a of source.assignments) carry(sp.map(a.state), sp.map(a.value), 'state');
  if (gradNorm) outputs.push({ name: TRAIN_NAMES.gradNorm, tensor: gradNorm });

  const carried = new Set(slotInputs.map((t) => t.id));
  const leaves = g.nodes.filter(
    (n): n is InputNode | ParamNode => (n.kind === 'input' || n.kind === 'param') && !carried.has(n.id) && n !== lr && n !== step,
  );
  const untrained = leaves.filter((n) => n.kind === 'param');
  // Persistents read but not updated (e.g. frozen or never-assigned states) are fed like slots that do not change.
  for (const p of untrained) carry(p, p, 'state');
  const inputs = leaves.filter((n): n is InputNode => n.kind === 'input');
  const feeds: FeedSpec[] = inputs.filter((n) => n.role === 'data').map((n) => ({ name: n.name, dtype: n.dtype, shape: n.shape }));
  const masks: MaskSpec[] = inputs.filter((n) => n.role === 'dropoutMask').map((n) => ({ name: n.name, shape: n.shape, p: n.p ?? 0 }));
  const modelInputs = [...inputs, ...slotInputs, lr, step];
  const model = encodeModel(emitGraph(g, { name: 'train_step', inputs: modelInputs, outputs }));
  return {
    model,
    graph: g,
    feeds,
    masks,
    persistents: persistentSpecs(source),
    inputNames: modelInputs.map((t) => t.name),
    slots,
    names: { loss: TRAIN_NAMES.loss, lr: TRAIN_NAMES.lr, step: TRAIN_NAMES.step, gradNorm: gradNorm ? TRAIN_NAMES.gradNorm : undefined },
    optimizer: options.optimizer,
  };
}
