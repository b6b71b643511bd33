import { normalInterval, normalQuantile } from './normal-quantile';

describe('normalQuantile', () => {
  // R 4.2.2: sprintf("%.15g", qnorm(p))
  it.each([
    [0.975, 1.95996398454005],
    [0.9, 1.2815515655446],
    [0.5, 0],
    [0.001, -3.09023230616781],
    [1e-10, -6.36134090240406],
    [0.99999, 4.26489079392384],
  ])('Φ⁻¹(%p) matches R qnorm to 1.2e-9 relative (Acklam bound)', (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThanOrEqual(1.2e-9 * Math.max(1, Math.abs(expected)));
  });

  it('gives the half-width of a central interval and rejects p outside [0, 1]', () => {
    expect(normalInterval(95)).toBeCloseTo(1.95996398454005, 8);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(/'p' must be in \[0, 1\], got 1.5/);
  });
});
