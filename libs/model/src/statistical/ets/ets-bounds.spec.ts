import { readFileSync } from 'node:fs';
import path from 'node:path';
import { admissible, parametersAllowed, rootsWithin } from './ets-bounds';
import { maxRootModulus } from '../core/polynomial-roots';

interface AdmissibleCase {
  m: number;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  admissible: boolean;
}

describe('ETS parameter bounds', () => {
  it('finds roots inside or outside a circle (Schur–Cohn) and their largest modulus (Aberth)', () => {
    // (z − 0.5)(z + 0.9) = z² + 0.4z − 0.45; (z − 1.1)(z + 0.2) = z² − 0.9z − 0.22.
    expect(rootsWithin(Float64Array.of(-0.45, 0.4, 1), 3, 1)).toBe(true);
    expect(rootsWithin(Float64Array.of(-0.22, -0.9, 1), 3, 1)).toBe(false);
    expect(rootsWithin(Float64Array.of(-0.22, -0.9, 1), 3, 1.2)).toBe(true);
    expect(maxRootModulus(Float64Array.of(-0.22, -0.9, 1), 3)).toBeCloseTo(1.1, 13);
    // z⁴ + 0.0625 = 0: four roots of modulus 0.5.
    expect(maxRootModulus(Float64Array.of(0.0625, 0, 0, 0, 1), 5)).toBeCloseTo(0.5, 13);
  });

  it("agrees with R's admissible() on 240 random seasonal parameter sets (m = 2, 4, 12, 24)", () => {
    const fixture = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'ets-admissible.json'), 'utf8')) as {
      cases: AdmissibleCase[];
    };
    const mismatches = fixture.cases.filter((c) => admissible(c.alpha, c.beta, true, c.gamma, c.phi, c.m, true) !== c.admissible);
    expect(mismatches).toEqual([]);
    expect(fixture.cases.some((c) => !c.admissible)).toBe(true);
  });

  it('decides roots within 1e-10 of the unit circle as R does (ETS(A,N,A) optimum of R on with_zeros)', () => {
    // R's ets() ended here, so R's polyroot test found max |root| <= 1 + 1e-10; the roots lie ~1e-12 from the circle.
    expect(admissible(0.000100279925873837, 0, true, 0.000100554632289078, 1, 12, false)).toBe(true);
  });

  it('keeps the usual bounds: β <= α, γ <= 1 − α, φ in [0.8, 0.98]', () => {
    const est = { beta: true, gamma: false, phi: true };
    expect(parametersAllowed({ alpha: 0.5, beta: 0.2, gamma: 0, phi: 0.9 }, est, 1)).toBe(true);
    expect(parametersAllowed({ alpha: 0.5, beta: 0.6, gamma: 0, phi: 0.9 }, est, 1)).toBe(false);
    expect(parametersAllowed({ alpha: 0.5, beta: 0.2, gamma: 0, phi: 0.99 }, est, 1)).toBe(false);
    expect(parametersAllowed({ alpha: 0.5, beta: 0, gamma: 0.6, phi: 1 }, { beta: false, gamma: true, phi: false }, 4)).toBe(false);
    expect(parametersAllowed({ alpha: 0.00005, beta: 0, gamma: 0, phi: 1 }, { beta: false, gamma: false, phi: false }, 1)).toBe(false);
  });
});
