import { compileEval } from '../compile/compile-eval';
import { compileTrainStep } from '../compile/compile-train-step';
import { emitGraph } from '../onnx/emit-graph';
import { printGraph } from '../print/print-graph';
import { interpret } from '../reference/interpret';
import { GraphBuilder } from './graph-builder';
import type { GraphNode } from '../ir/node';

describe('GraphBuilder shape inference', () => {
  it('infers symbolic shapes through ops', () => {
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 4, 12]);
    const flat = g.reshape(x, ['B', 48]);
    expect(flat.shape).toEqual(['B', 48]);
    expect(g.dense('fc', flat, 8).shape).toEqual(['B', 8]);
    expect(g.reshape(x, ['B*4', 12]).shape).toEqual(['B*4', 12]);
    expect(g.reduceMean(x, [0, 2]).shape).toEqual([4]);
    expect(g.add(x, g.constant([1, 2, 3, 4], [4, 1])).shape).toEqual(['B', 4, 12]);
  });

  it('names the op, the node and the shapes in shape errors', () => {
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 48]);
    const w = g.param('w', [96, 512]);
    expect(() => g.scope('block1', () => g.scope('fc1', () => g.matmul(x, w)))).toThrow(
      "MatMul 'block1.fc1': inner dimensions differ: a [B, 48] × b [96, 512]",
    );
    expect(() => g.add(x, g.input('y', ['B', 3]))).toThrow(/^Add 'add#\d+': shapes do not broadcast: a \[B, 48\] vs b \[B, 3\]/);
    expect(() => g.add(x, g.input('z', ['T', 48]))).toThrow(/Add .*shapes do not broadcast: a \[B, 48\] vs b \[T, 48\]/);
    expect(() => g.reshape(x, ['B', 40])).toThrow(/Reshape .*cannot reshape \[B, 48\] \(48\*B elements\) to \[B, 40\] \(40\*B elements\)/);
    expect(() => g.slice(x, 0, 0, 2)).toThrow(/Slice .*needs a static size on axis 0, got \[B, 48\]/);
    expect(() => g.reduceSum(x, [2])).toThrow(/ReduceSum .*axis 2 is out of range for rank 2/);
    expect(() => g.transpose(x, [0, 0])).toThrow(/Transpose .*perm \[0, 0\] is not a permutation/);
    expect(() => g.gather(w, x)).toThrow(/Gather .*indices must be int64, got float32 \[B, 48\]/);
  });

  it('rejects unknown op kinds (e.g. from a deserialised spec) at build, lowering and evaluation', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [2]);
    expect(() => g.apply('frobnicate' as never, [x], {} as never)).toThrow(/unknown op kind 'frobnicate' at node 'frobnicate#\d+'/);
    const forged = {
      kind: 'frobnicate',
      id: g.nodes.length,
      name: 'forged',
      shape: [2],
      dtype: 'float32',
      inputs: [x.id],
      attrs: {},
    } as unknown as GraphNode;
    g.nodes.push(forged);
    expect(() => emitGraph(g, { name: 't', inputs: [x], outputs: [{ name: 'y', tensor: forged }] })).toThrow(
      /unknown op kind 'frobnicate' at node 'forged': no ONNX lowering/,
    );
    expect(() => interpret(g, { x: { shape: [2], data: new Float64Array(2) } }, [forged])).toThrow(/unknown op kind 'frobnicate'/);
  });

  it('rejects duplicate names, foreign tensors and non-scalar losses', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [2]);
    expect(() => g.input('x', [3])).toThrow(/name 'x' is already used/);
    const other = new GraphBuilder().input('y', [2]);
    expect(() => g.add(x, other)).toThrow(/tensor 'y' does not belong to this graph/);
    expect(() => compileTrainStep(g, { loss: x, optimizer: { kind: 'adam' } })).toThrow(/the loss must be a scalar \[\], got \[2\]/);
    expect(() => compileEval(g)).toThrow(/no outputs/);
    expect(() => g.param('p', ['B' as unknown as number])).toThrow(/parameter 'p': shape \[B\] must be static/);
  });

  it('same seed ⇒ same initial weights; another seed ⇒ different', () => {
    const make = (seed: number) => {
      const g = new GraphBuilder({ seed });
      g.dense('fc', g.input('x', ['B', 16]), 8);
      return g.persistents().map((p) => Array.from(p.init));
    };
    expect(make(3)).toEqual(make(3));
    expect(make(3)).not.toEqual(make(4));
    const w = make(3)[0];
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(16));
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.8 / Math.sqrt(16));
  });
});

describe('printed graphs (golden snapshots)', () => {
  it('MLP forward', () => {
    const g = new GraphBuilder({ seed: 1 });
    const x = g.input('x', ['B', 4]);
    const y = g.input('y', ['B', 2]);
    const yhat = g.output('yhat', g.dense('fc2', g.relu(g.dense('fc1', x, 3)), 2));
    g.maeLoss(yhat, y);
    expect(printGraph(g)).toMatchSnapshot();
  });

  it('train step of a linear model with SGD momentum', () => {
    const g = new GraphBuilder({ seed: 1 });
    const x = g.input('x', ['B', 2]);
    const loss = g.mseLoss(g.dense('lin', x, 1), g.input('y', ['B', 1]));
    expect(printGraph(compileTrainStep(g, { loss, optimizer: { kind: 'sgd', momentum: 0.9 } }).graph)).toMatchSnapshot();
  });

  it('dropout and batchNorm in eval form', () => {
    const g = new GraphBuilder({ seed: 1 });
    const x = g.input('x', ['B', 3]);
    g.output('y', g.dropout(g.batchNorm('bn', x), 0.2));
    expect(printGraph(compileEval(g).graph)).toMatchSnapshot();
  });
});
