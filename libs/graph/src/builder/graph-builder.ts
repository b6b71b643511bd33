import { checkShape, formatShape, isStatic, type Dim, type DType, type Shape } from '../ir/dim';
import { GraphError } from '../ir/graph-error';
import type { ConstantNode, GraphNode, InputNode, ModeSwitchNode, ParamNode, Tensor } from '../ir/node';
import type { Comparison, OpAttrs, OpKind } from '../ir/op-kind';
import { init as initFns, initialValues, type Init } from '../init/initializers';
import { ShapeIssue } from '../ops/op-def';
import { opTable } from '../ops/op-table';
import * as layers from '../layers';

/** A tensor, or a number that becomes a float32 scalar constant. */
export type Operand = Tensor | number;

/** Options of {@link GraphBuilder}. */
export interface GraphBuilderOptions {
  /** Seed of every parameter initialiser (default 0). Same seed ⇒ same initial weights, bit for bit. */
  readonly seed?: number;
}

/**
 * Builds a differentiable graph: inputs with symbolic dims, seeded parameters,
 * constants and ops, with shapes checked as you go. Compile it with
 * `compileTrainStep`, `compileEval` or `exportInference`.
 *
 * @example
 * const g = new GraphBuilder({ seed: 1 });
 * const x = g.input('x', ['B', 48]);
 * const y = g.input('y', ['B', 24]);
 * const h = g.relu(g.dense('fc1', x, 512));
 * const yhat = g.output('forecast', g.dense('fc2', h, 24));
 * const loss = g.maeLoss(yhat, y);
 */
export class GraphBuilder {
  /** All nodes, in creation (= topological) order; a node's id is its index. */
  readonly nodes: GraphNode[] = [];
  /** Named outputs of the model (forward values), in declaration order. */
  readonly outputs = new Map<string, Tensor>();
  /** State updates applied by a train step: `state ← value`. */
  readonly assignments: { readonly state: Tensor; readonly value: Tensor }[] = [];
  readonly seed: number;
  private readonly leafNames = new Set<string>();
  private readonly scopes: string[] = [];
  private maskCount = 0;

  constructor(options: GraphBuilderOptions = {}) {
    this.seed = options.seed ?? 0;
  }

  /** An independent copy (nodes are immutable and shared; tensors stay valid in both). */
  clone(): GraphBuilder {
    const c = new GraphBuilder({ seed: this.seed });
    c.nodes.push(...this.nodes);
    for (const [k, v] of this.outputs) c.outputs.set(k, v);
    c.assignments.push(...this.assignments);
    for (const n of this.leafNames) c.leafNames.add(n);
    c.maskCount = this.maskCount;
    return c;
  }

  /** Runs `fn` with `name` appended to the scope path (`block1` → `block1.fc1`); names params and errors. */
  scope<T>(name: string, fn: () => T): T {
    this.scopes.push(name);
    try {
      return fn();
    } finally {
      this.scopes.pop();
    }
  }

  /** Current scope path joined with `name`. */
  qualify(name: string): string {
    return [...this.scopes, name].filter((s) => s !== '').join('.');
  }

  // ---------------------------------------------------------------- leaves

  /** A graph input fed at run time; use symbols for dynamic dims (`['B', 48]`). */
  input(name: string, shape: Shape, dtype: DType = 'float32'): Tensor {
    checkShape(shape, `input '${name}'`);
    return this.pushLeaf<InputNode>({ kind: 'input', name: this.claim(name), shape: [...shape], dtype, inputs: [], role: 'data' });
  }

  /** A trainable parameter, initialised from the builder's seed and the parameter's qualified name. */
  param(name: string, shape: readonly number[], init: Init = initFns.torchDefault()): Tensor {
    return this.persistent(name, shape, init, true);
  }

  /** A non-trainable persistent tensor (e.g. BatchNorm running stats), updated through {@link assign}. */
  state(name: string, shape: readonly number[], init: Init = initFns.zeros()): Tensor {
    return this.persistent(name, shape, init, false);
  }

  /** A constant tensor (float32 unless `dtype` says int64). */
  constant(values: ArrayLike<number>, shape: readonly number[], dtype: DType = 'float32'): Tensor {
    const n = shape.reduce((a, b) => a * b, 1);
    if (values.length !== n) throw new GraphError(`constant: ${values.length} values for shape ${formatShape(shape)} (expected ${n})`);
    const id = this.nodes.length;
    const node: ConstantNode = {
      kind: 'constant',
      id,
      name: `const#${id}`,
      shape: [...shape],
      dtype,
      inputs: [],
      values: Float64Array.from(values),
    };
    this.nodes.push(node);
    return node;
  }

  /** A float32 scalar constant (shape `[]`). */
  scalar(value: number): Tensor {
    return this.constant([value], []);
  }

  /** Declares a named model output (what eval and inference return). Returns `t`. */
  output(name: string, t: Tensor): Tensor {
    this.own(t, `output '${name}'`);
    if (this.outputs.has(name)) throw new GraphError(`output '${name}' is declared twice`);
    this.outputs.set(name, t);
    return t;
  }

  /** In train mode, `state ← value` after the step (BatchNorm running stats). */
  assign(state: Tensor, value: Tensor): void {
    const node = this.own(state, 'assign');
    if (node.kind !== 'param' || node.trainable)
      throw new GraphError(`assign: '${state.name}' is not a state tensor (declare it with g.state())`);
    if (formatShape(value.shape) !== formatShape(state.shape)) {
      throw new GraphError(
        `assign '${state.name}': value shape ${formatShape(value.shape)} differs from state shape ${formatShape(state.shape)}`,
      );
    }
    this.assignments.push({ state, value });
  }

  /** `train` in train mode, `evaluate` in eval/inference mode (same shape). */
  modeSwitch(train: Tensor, evaluate: Tensor): Tensor {
    this.own(train, 'modeSwitch');
    this.own(evaluate, 'modeSwitch');
    if (formatShape(train.shape) !== formatShape(evaluate.shape)) {
      throw new GraphError(`modeSwitch: train shape ${formatShape(train.shape)} differs from eval shape ${formatShape(evaluate.shape)}`);
    }
    const id = this.nodes.length;
    const node: ModeSwitchNode = {
      kind: 'modeSwitch',
      id,
      name: this.displayName('modeSwitch', id),
      shape: train.shape,
      dtype: train.dtype,
      inputs: [train.id, evaluate.id],
    };
    this.nodes.push(node);
    return node;
  }

  /**
   * A dropout mask input `[...shape]` holding `keep / (1 - p)` values (0 or 1/(1-p)),
   * filled each step by the train session from its seeded PRNG.
   */
  dropoutMask(shape: Shape, p: number): Tensor {
    const name = this.claim(this.qualify(`dropout_mask${this.maskCount++}`));
    return this.pushLeaf<InputNode>({ kind: 'input', name, shape: [...shape], dtype: 'float32', inputs: [], role: 'dropoutMask', p });
  }

  // ---------------------------------------------------------------- ops

  /** Applies a primitive op; shape errors name the op, the node and the shapes. */
  apply<K extends OpKind>(kind: K, inputs: readonly Operand[], attrs: OpAttrs[K]): Tensor {
    const def = (opTable as Record<string, (typeof opTable)[OpKind] | undefined>)[kind];
    const id = this.nodes.length;
    const name = this.displayName(String(kind), id);
    if (def === undefined) throw new GraphError(`unknown op kind '${String(kind)}' at node '${name}'`);
    const tensors = inputs.map((x) => (typeof x === 'number' ? this.scalar(x) : x));
    tensors.forEach((t) => this.own(t, `${def.title} '${name}'`));
    const { arity } = def;
    const [lo, hi] = arity === 'variadic' ? [1, Infinity] : typeof arity === 'number' ? [arity, arity] : arity;
    if (tensors.length < lo || tensors.length > hi)
      throw new GraphError(
        `${def.title} '${name}': expected ${arity === 'variadic' ? 'at least 1' : lo === hi ? lo : `${lo} to ${hi}`} inputs, got ${tensors.length}`,
      );
    let meta;
    try {
      meta = (def.infer as (i: readonly Tensor[], a: OpAttrs[K]) => { shape: Shape; dtype: DType })(tensors, attrs);
    } catch (e) {
      if (e instanceof ShapeIssue) throw new GraphError(`${def.title} '${name}': ${e.message}`);
      throw e;
    }
    const node = {
      kind,
      id: this.nodes.length,
      name,
      shape: meta.shape,
      dtype: meta.dtype,
      inputs: tensors.map((t) => t.id),
      attrs,
    } as unknown as GraphNode;
    this.nodes.push(node);
    return node;
  }

  /** a + b (numpy broadcasting). */
  add(a: Operand, b: Operand): Tensor {
    return this.apply('add', [a, b], {});
  }
  /** a − b. */
  sub(a: Operand, b: Operand): Tensor {
    return this.apply('sub', [a, b], {});
  }
  /** a · b. */
  mul(a: Operand, b: Operand): Tensor {
    return this.apply('mul', [a, b], {});
  }
  /** a / b. */
  div(a: Operand, b: Operand): Tensor {
    return this.apply('div', [a, b], {});
  }
  /** a ** b (elementwise; b usually a scalar). */
  pow(a: Operand, b: Operand): Tensor {
    return this.apply('pow', [a, b], {});
  }
  /** Elementwise max(a, b); ties split the gradient in half (as PyTorch). */
  maximum(a: Operand, b: Operand): Tensor {
    return this.apply('maximum', [a, b], {});
  }
  /** Elementwise min(a, b). */
  minimum(a: Operand, b: Operand): Tensor {
    return this.apply('minimum', [a, b], {});
  }
  neg(x: Tensor): Tensor {
    return this.apply('neg', [x], {});
  }
  abs(x: Tensor): Tensor {
    return this.apply('abs', [x], {});
  }
  relu(x: Tensor): Tensor {
    return this.apply('relu', [x], {});
  }
  leakyRelu(x: Tensor, alpha = 0.01): Tensor {
    return this.apply('leakyRelu', [x], { alpha });
  }
  tanh(x: Tensor): Tensor {
    return this.apply('tanh', [x], {});
  }
  sigmoid(x: Tensor): Tensor {
    return this.apply('sigmoid', [x], {});
  }
  /** log(1 + eˣ). */
  softplus(x: Tensor): Tensor {
    return this.apply('softplus', [x], {});
  }
  exp(x: Tensor): Tensor {
    return this.apply('exp', [x], {});
  }
  log(x: Tensor): Tensor {
    return this.apply('log', [x], {});
  }
  sqrt(x: Tensor): Tensor {
    return this.apply('sqrt', [x], {});
  }
  erf(x: Tensor): Tensor {
    return this.apply('erf', [x], {});
  }
  /** −1, 0 or 1 (not differentiable). */
  sign(x: Tensor): Tensor {
    return this.apply('sign', [x], {});
  }
  /** Float 0/1 mask of `a <cmp> b` (not differentiable). */
  compare(a: Operand, cmp: Comparison, b: Operand): Tensor {
    return this.apply('compare', [a, b], { cmp });
  }
  /** `cond ≠ 0 ? a : b` (cond is a float mask). */
  where(cond: Tensor, a: Operand, b: Operand): Tensor {
    return this.apply('where', [cond, a, b], {});
  }
  /** Batched matrix product `a: [..., M, K] × b: [..., K, N]`. */
  matmul(a: Tensor, b: Tensor): Tensor {
    return this.apply('matmul', [a, b], {});
  }
  /** `op(a: [M, K]) · op(b: [K, N]) + c` with optional transposes (ONNX Gemm). */
  gemm(a: Tensor, b: Tensor, c?: Tensor, opts: { transA?: boolean; transB?: boolean } = {}): Tensor {
    return this.apply('gemm', c ? [a, b, c] : [a, b], { transA: opts.transA ?? false, transB: opts.transB ?? false });
  }
  /** Permutes axes (default: reverse them). */
  transpose(x: Tensor, perm?: readonly number[]): Tensor {
    return this.apply('transpose', [x], { perm: perm ?? x.shape.map((_, i) => x.shape.length - 1 - i) });
  }
  /** Swaps the last two axes. */
  transposeLast2(x: Tensor): Tensor {
    const r = x.shape.length;
    const perm = x.shape.map((_, i) => (i === r - 2 ? r - 1 : i === r - 1 ? r - 2 : i));
    return this.transpose(x, perm);
  }
  /** Reshape; symbolic dims allowed (`['B', 4, 12]`). */
  reshape(x: Tensor, shape: readonly Dim[]): Tensor {
    return this.apply('reshape', [x], { shape });
  }
  concat(xs: readonly Tensor[], axis: number): Tensor {
    return this.apply('concat', xs, { axis });
  }
  /** `x[..., start:end, ...]` along `axis` (negative start/end count from the end). */
  slice(x: Tensor, axis: number, start: number, end: number): Tensor {
    return this.apply('slice', [x], { axis, start, end });
  }
  /** Constant padding: `pads[i] = [before, after]` for axis i (missing axes: no padding). */
  pad(x: Tensor, pads: readonly (readonly [number, number])[], value = 0): Tensor {
    return this.apply('pad', [x], { pads, value });
  }
  reduceSum(x: Tensor, axes: readonly number[], keepDims = false): Tensor {
    return this.apply('reduceSum', [x], { axes, keepDims });
  }
  reduceMean(x: Tensor, axes: readonly number[], keepDims = false): Tensor {
    return this.apply('reduceMean', [x], { axes, keepDims });
  }
  /** Max over axes; ties share the gradient evenly (as `torch.amax`). */
  reduceMax(x: Tensor, axes: readonly number[], keepDims = false): Tensor {
    return this.apply('reduceMax', [x], { axes, keepDims });
  }
  softmax(x: Tensor, axis = -1): Tensor {
    return this.apply('softmax', [x], { axis });
  }
  /** Broadcasts `x` to the shape of `like`. */
  broadcastLike(x: Tensor, like: Tensor): Tensor {
    return this.apply('broadcastLike', [x, like], {});
  }
  /** Number of elements of `x` over `axes`, as a float32 scalar (works with symbolic dims). */
  sizeOf(x: Tensor, axes: readonly number[]): Tensor {
    return this.apply('sizeOf', [x], { axes });
  }
  /** Rows of `table: [V, ...]` at `indices: int64 [...]` → `[...indices, ...]`. */
  gather(table: Tensor, indices: Tensor): Tensor {
    return this.apply('gather', [table, indices], {});
  }
  /** Zeros like `like: [V, ...]` with `updates: [...indices, ...]` added at the rows `indices`. */
  scatterAdd(updates: Tensor, indices: Tensor, like: Tensor): Tensor {
    return this.apply('scatterAdd', [updates, indices, like], {});
  }
  /** The `k` smallest values of `x: [..., n]` along its last (static) axis, ascending → `[..., k]`; ties keep their order. `k` defaults to n (a sort). */
  smallestK(x: Tensor, k?: number): Tensor {
    return this.apply('smallestK', [x], { k: k ?? (x.shape[x.shape.length - 1] as number) });
  }

  // ---------------------------------------------------------------- layers (compositions)

  /** `x: [..., in] · wᵀ + b` with `w: [out, in]` (PyTorch layout), `b: [out]`. */
  linear(x: Tensor, w: Tensor, b?: Tensor): Tensor {
    return layers.linear(this, x, w, b);
  }
  /** A PyTorch-initialised `nn.Linear(in, out)` named `name` (params `name.weight`, `name.bias`). */
  dense(name: string, x: Tensor, outFeatures: number, opts: layers.DenseOptions = {}): Tensor {
    return layers.dense(this, name, x, outFeatures, opts);
  }
  /** GELU, erf form (PyTorch default). */
  gelu(x: Tensor): Tensor {
    return layers.gelu(this, x);
  }
  layerNorm(name: string, x: Tensor, opts: layers.LayerNormOptions = {}): Tensor {
    return layers.layerNorm(this, name, x, opts);
  }
  batchNorm(name: string, x: Tensor, opts: layers.BatchNormOptions = {}): Tensor {
    return layers.batchNorm(this, name, x, opts);
  }
  dropout(x: Tensor, p: number): Tensor {
    return layers.dropout(this, x, p);
  }
  maxPool1d(x: Tensor, opts: layers.Pool1dOptions): Tensor {
    return layers.maxPool1d(this, x, opts);
  }
  avgPool1d(x: Tensor, opts: layers.Pool1dOptions): Tensor {
    return layers.avgPool1d(this, x, opts);
  }
  conv1d(name: string, x: Tensor, opts: layers.Conv1dOptions): Tensor {
    return layers.conv1d(this, name, x, opts);
  }
  interpolateLinear(x: Tensor, size: number): Tensor {
    return layers.interpolateLinear(this, x, size);
  }
  embedding(name: string, indices: Tensor, opts: layers.EmbeddingOptions): Tensor {
    return layers.embedding(this, name, indices, opts);
  }
  maeLoss(yhat: Tensor, y: Tensor, mask?: Tensor): Tensor {
    return layers.maeLoss(this, yhat, y, mask);
  }
  mseLoss(yhat: Tensor, y: Tensor, mask?: Tensor): Tensor {
    return layers.mseLoss(this, yhat, y, mask);
  }
  huberLoss(yhat: Tensor, y: Tensor, delta = 1, mask?: Tensor): Tensor {
    return layers.huberLoss(this, yhat, y, delta, mask);
  }
  quantileLoss(yhat: Tensor, y: Tensor, quantiles: readonly number[], mask?: Tensor): Tensor {
    return layers.quantileLoss(this, yhat, y, quantiles, mask);
  }
  maskedMean(values: Tensor, mask?: Tensor): Tensor {
    return layers.maskedMean(this, values, mask);
  }

  // ---------------------------------------------------------------- internals

  /** The node behind a tensor of this graph. */
  node(t: Tensor | number): GraphNode {
    const id = typeof t === 'number' ? t : t.id;
    const node = this.nodes[id];
    if (node === undefined) throw new GraphError(`node #${id} does not exist in this graph`);
    return node;
  }

  /** Parameters and state tensors, in declaration order. */
  persistents(): ParamNode[] {
    return this.nodes.filter((n): n is ParamNode => n.kind === 'param');
  }

  /**
   * Copies a leaf or op node of another graph into this one with new inputs
   * (used by the compiler to specialise and prune graphs). Leaves keep their names.
   * @internal
   */
  copyNode(node: GraphNode, inputs: readonly Tensor[]): Tensor {
    if (node.kind === 'modeSwitch') throw new GraphError(`copyNode: modeSwitch '${node.name}' must be resolved, not copied`);
    if (node.kind === 'input' || node.kind === 'param' || node.kind === 'constant') {
      if (node.kind !== 'constant') this.claim(node.name);
      const copy = { ...node, id: this.nodes.length } as GraphNode;
      this.nodes.push(copy);
      return copy;
    }
    const saved = this.scopes.splice(0);
    try {
      const t = this.apply(node.kind, inputs, node.attrs as never);
      const copy = { ...this.nodes[t.id], name: node.name } as GraphNode;
      this.nodes[t.id] = copy;
      return copy;
    } finally {
      this.scopes.push(...saved);
    }
  }

  private persistent(name: string, shape: readonly number[], init: Init, trainable: boolean): Tensor {
    const full = this.qualify(name);
    checkShape(shape, `parameter '${full}'`);
    if (!isStatic(shape)) throw new GraphError(`parameter '${full}': shape ${formatShape(shape)} must be static`);
    const { values, summary } = initialValues(init, shape, this.seed, full);
    return this.pushLeaf<ParamNode>({
      kind: 'param',
      name: this.claim(full),
      shape: [...shape],
      dtype: 'float32',
      inputs: [],
      trainable,
      init: values,
      initSpec: summary,
    });
  }

  private claim(name: string): string {
    if (name === '' || this.leafNames.has(name))
      throw new GraphError(`name '${name}' is ${name === '' ? 'empty' : 'already used by another input or parameter'}`);
    this.leafNames.add(name);
    return name;
  }

  private pushLeaf<N extends GraphNode>(node: Omit<N, 'id'>): Tensor {
    const full = { ...node, id: this.nodes.length } as unknown as GraphNode;
    this.nodes.push(full);
    return full;
  }

  private displayName(kind: string, id: number): string {
    return this.scopes.length > 0 ? this.scopes.join('.') : `${kind}#${id}`;
  }

  private own(t: Tensor, where: string): GraphNode {
    const node = this.nodes[t.id];
    if (node !== t) throw new GraphError(`${where}: tensor '${t.name}' does not belong to this graph`);
    return node;
  }
}
