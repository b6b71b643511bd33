import { GraphBuilder } from '../builder/graph-builder';
import type { OpKind } from '../ir/op-kind';
import { buildCase } from '../testing/case-feeds';
import { gradCheck } from '../testing/grad-check';
import { opCases } from '../testing/op-cases';
import { lowerings, opTable, vjpRules } from './op-table';

// opTable is typed `{ [K in OpKind]: OpDef<K> }`: its keys are every op kind (a missing one does not compile).
const opKinds = Object.keys(opTable) as OpKind[];

describe('op rules', () => {
  it('has a definition, VJP rule, lowering and at least one gradcheck case for every op kind', () => {
    const covered = new Set(opCases.map((c) => c.kind));
    const missing = opKinds.filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
    for (const k of opKinds) {
      expect(opTable[k].kind).toBe(k);
      expect(typeof vjpRules[k]).toBe('function');
      expect(typeof lowerings[k]).toBe('function');
    }
  });

  describe.each(opCases.map((c) => [c.name, c] as const))('gradcheck (float64): %s', (_name, c) => {
    it('analytic VJP matches central differences', () => {
      const g = new GraphBuilder();
      const built = buildCase(g, c);
      const result = gradCheck(g, built.output, built.feeds, built.wrt);
      expect(result.checked).toBe(built.wrt.reduce((n, t) => n + t.shape.reduce((a: number, b) => a * (b as number), 1), 0));
      expect(result.worst === '' || result.maxError <= 1 ? 'ok' : result.worst).toBe('ok');
    });
  });

  it('gradcheck detects a wrong gradient (the check can fail)', () => {
    const table = opTable as unknown as Record<string, { vjp: unknown }>;
    const original = table['sigmoid'].vjp;
    // A plausible but wrong rule: dσ = y dx (missing the (1 − y) factor).
    table['sigmoid'].vjp = ({ g, output, grad }: { g: GraphBuilder; output: never; grad: never }) => [g.mul(grad, output)];
    try {
      const g = new GraphBuilder();
      const x = g.input('x', [3]);
      const result = gradCheck(g, g.sigmoid(x), { x: { shape: [3], data: Float64Array.from([0.5, -1, 2]) } }, [x]);
      expect(result.maxError).toBeGreaterThan(100);
      expect(result.worst).toMatch(/^x\[\d\]: analytic/);
    } finally {
      table['sigmoid'].vjp = original;
    }
  });
});
