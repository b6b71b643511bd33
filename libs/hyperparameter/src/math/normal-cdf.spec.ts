import { logErfc, logErfcReference, logGaussMass, logNdtr, ndtr, ndtriExp } from './normal-cdf';
import { sampleTruncatedNormal, truncatedNormalCdf, truncatedNormalLogIntervalMass, truncatedNormalLogPdf } from './truncated-normal';
import { Sfc32 } from '../random/sfc32';

// Reference values: scipy.special.ndtr / log_ndtr.
describe('normal cdf', () => {
  it.each([
    [-1, 0.15865525393145707],
    [-3, 0.0013498980316300946],
    [-5, 2.866515718791939e-7],
    [1.96, 0.9750021048517795],
    [0, 0.5],
  ])('ndtr(%p) = %p', (a, expected) => {
    expect(ndtr(a)).toBeCloseTo(expected, 14);
    expect(Math.abs(ndtr(a) - expected) / expected).toBeLessThan(1e-12);
  });

  it('the tabulated erfc matches the series and continued fraction to 3e-14 relative on [0, 12]', () => {
    // |Δ log erfc| is the relative error of erfc; near x = 6 a log of −37 is only held to ~4e-15 itself.
    let worst = 0;
    for (let i = 0; i <= 120_000; i++) {
      const x = i / 10_000 + 1e-7 * (i % 7);
      worst = Math.max(worst, Math.abs(logErfc(x) - logErfcReference(x)));
    }
    expect(worst).toBeLessThan(3e-14);
  });

  // Reference values: mpmath.log(mpmath.erfc(x)) at 40 digits, rounded to doubles.
  it.each([
    [0.3, -0.39843005144008525],
    [1.7, -4.122155234243904],
    [2.45, -7.541539598585678],
    [4.2, -19.674020916140474],
    [5.9, -37.17119841725019],
    [8.0, -66.65947197080516],
  ])('log erfc(%p) = %p', (x, expected) => {
    expect(Math.abs(logErfc(x) - expected) / Math.abs(expected)).toBeLessThan(2e-15);
  });

  it('log_ndtr stays finite and accurate deep in the left tail', () => {
    expect(logNdtr(-10)).toBeCloseTo(-53.23128515051247, 10);
    expect(logNdtr(-40)).toBeCloseTo(-804.6084420137538, 8);
    expect(logNdtr(10)).toBeCloseTo(-7.619853024160527e-24, 30);
  });

  it('ndtri_exp inverts log_ndtr from the centre to the far tail', () => {
    for (const y of [-1e-12, -0.01, -0.6931, -2, -50, -800, -5000]) {
      expect(logNdtr(ndtriExp(y))).toBeCloseTo(y, 9);
    }
    expect(ndtriExp(Math.log(0.975))).toBeCloseTo(1.959963984540054, 10);
  });

  it('log Gaussian mass is symmetric and exact for far intervals', () => {
    expect(logGaussMass(-1, 1)).toBeCloseTo(Math.log(0.6826894921370859), 14);
    expect(logGaussMass(50, 60)).toBeCloseTo(logGaussMass(-60, -50), 10);
    expect(Number.isFinite(logGaussMass(50, 60))).toBe(true);
  });
});

describe('truncated normal', () => {
  it('log-pdf and cdf match closed forms on [-1, 1]', () => {
    // φ(0) / (Φ(1) − Φ(−1)) = 0.3989422804014327 / 0.6826894921370859
    expect(truncatedNormalLogPdf(0, 0, 1, -1, 1)).toBeCloseTo(Math.log(0.3989422804014327 / 0.6826894921370859), 12);
    expect(truncatedNormalLogPdf(1.5, 0, 1, -1, 1)).toBe(-Infinity);
    expect(truncatedNormalCdf(0, 0, 1, -1, 1)).toBeCloseTo(0.5, 14);
    // (Φ(0.5) − Φ(−1)) / (Φ(1) − Φ(−1)) = (0.6914624612740131 − 0.15865525393145707) / 0.6826894921370859
    expect(truncatedNormalCdf(0.5, 0, 1, -1, 1)).toBeCloseTo((0.6914624612740131 - 0.15865525393145707) / 0.6826894921370859, 12);
  });

  it('interval masses of the integers of a domain sum to one', () => {
    // Integers 0..10 own [k − 0.5, k + 0.5]; the kernel lives on [−0.5, 10.5].
    let total = 0;
    for (let k = 0; k <= 10; k++) total += Math.exp(truncatedNormalLogIntervalMass(k - 0.5, k + 0.5, 3.2, 1.7, -0.5, 10.5));
    expect(total).toBeCloseTo(1, 12);
    // Mass of 3 under N(3.2, 1.7²) truncated: (Φ(0.1765) − Φ(−0.4118)) / (Φ(4.2941) − Φ(−2.1765)).
    const expected = (ndtr(0.3 / 1.7) - ndtr(-0.7 / 1.7)) / (ndtr(7.3 / 1.7) - ndtr(-3.7 / 1.7));
    expect(Math.exp(truncatedNormalLogIntervalMass(2.5, 3.5, 3.2, 1.7, -0.5, 10.5))).toBeCloseTo(expected, 12);
  });

  it('samples stay in the domain and have the truncated mean', () => {
    const rng = new Sfc32(5);
    const xs = Array.from({ length: 4000 }, () => sampleTruncatedNormal(rng, 0.95, 0.2, 0, 1));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1);
    // E[X] = μ + σ(φ(α) − φ(β))/(Φ(β) − Φ(α)), α = −4.75, β = 0.25.
    const phi = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    const mean = 0.95 + (0.2 * (phi(-4.75) - phi(0.25))) / (ndtr(0.25) - ndtr(-4.75));
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(mean, 1);
  });
});
