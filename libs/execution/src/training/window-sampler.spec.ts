import { lastWindows } from './window-batch';
import { leftPadding, trainWindowStarts, validationWindows, WindowSampler, type TrainWindowOptions } from './window-sampler';

const base: TrainWindowOptions = { inputSize: 3, h: 2, stepSize: 1, startPaddingEnabled: false };
const range = (n: number, from = 1) => Float64Array.from({ length: n }, (_, i) => from + i);

describe('trainWindowStarts', () => {
  it('keeps windows with a real point in both parts (right padding of h, as NeuralForecast)', () => {
    // T = 6, L = 3, h = 2: starts 0..2; start 3 would forecast only padding.
    expect(leftPadding(6, base)).toBe(0);
    expect(trainWindowStarts(6, base)).toEqual([0, 1, 2]);
  });

  it('left-pads a series shorter than L + h up to L + h', () => {
    expect(leftPadding(3, base)).toBe(2);
    expect(trainWindowStarts(3, base)).toEqual([0, 1]);
  });

  it('pads by L - 1 with startPaddingEnabled and honours stepSize', () => {
    expect(leftPadding(6, { ...base, startPaddingEnabled: true })).toBe(2);
    expect(trainWindowStarts(6, { ...base, startPaddingEnabled: true })).toEqual([0, 1, 2, 3, 4]);
    expect(trainWindowStarts(6, { ...base, stepSize: 2 })).toEqual([0, 2]);
  });

  it('gives no window to a one-point series', () => {
    expect(trainWindowStarts(1, base)).toEqual([]);
  });
});

describe('WindowSampler', () => {
  it('returns every window with its mask when fewer than windowsBatchSize exist', () => {
    const sampler = new WindowSampler([range(3)], base, { batchSize: 8, windowsBatchSize: 100, seed: 1 });
    const b = sampler.next();
    expect(b.count).toBe(2);
    expect(Array.from(b.y)).toEqual([0, 0, 1, 0, 1, 2]);
    expect(Array.from(b.mask)).toEqual([0, 0, 1, 0, 1, 1]);
    expect(Array.from(b.target)).toEqual([2, 3, 3, 0]);
    expect(Array.from(b.targetMask)).toEqual([1, 1, 1, 0]);
  });

  it('samples windowsBatchSize distinct windows from batchSize series per step', () => {
    const series = [range(20, 100), range(20, 200), range(20, 300), range(20, 400)];
    const sampler = new WindowSampler(series, base, { batchSize: 2, windowsBatchSize: 10, seed: 3 });
    expect(sampler.windowCount).toBe(4 * 17);
    const seen = new Set<number>();
    for (let step = 0; step < 2; step++) {
      const b = sampler.next();
      expect(b.count).toBe(10);
      const firsts = Array.from({ length: 10 }, (_, k) => b.y[k * 3]);
      expect(new Set(firsts).size).toBe(10);
      const hundreds = new Set(firsts.map((v) => Math.floor(v / 100)));
      expect(hundreds.size).toBeLessThanOrEqual(2);
      hundreds.forEach((hd) => seen.add(hd));
      for (let k = 0; k < 10; k++) {
        // A window is consecutive values: input then target.
        expect(b.y[k * 3 + 2]).toBe(b.y[k * 3] + 2);
        expect(b.target[k * 2]).toBe(b.y[k * 3] + 3);
      }
    }
    // Two steps of 2 series cover the 4 series of one epoch.
    expect(seen).toEqual(new Set([1, 2, 3, 4]));
  });

  it('repeats its draws for the same seed', () => {
    const series = [range(50), range(50, 500)];
    const a = new WindowSampler(series, base, { batchSize: 1, windowsBatchSize: 5, seed: 7 });
    const b = new WindowSampler(series, base, { batchSize: 1, windowsBatchSize: 5, seed: 7 });
    for (let i = 0; i < 3; i++) expect(Array.from(a.next().y)).toEqual(Array.from(b.next().y));
  });

  it('rejects a panel without any window', () => {
    expect(() => new WindowSampler([range(1)], base, { batchSize: 1, windowsBatchSize: 1, seed: 1 })).toThrow(/no training window/);
  });
});

describe('validationWindows', () => {
  it('cuts windows whose forecast part lies in the last valSize points', () => {
    const b = validationWindows([range(8), range(4)], base, 3);
    expect(b.count).toBe(4);
    expect(Array.from(b.y.subarray(0, 6))).toEqual([3, 4, 5, 4, 5, 6]);
    expect(Array.from(b.target.subarray(0, 4))).toEqual([6, 7, 7, 8]);
    // The short series is left-padded.
    expect(Array.from(b.y.subarray(6, 9))).toEqual([0, 0, 1]);
    expect(Array.from(b.mask.subarray(6, 9))).toEqual([0, 0, 1]);
    expect(Array.from(b.target.subarray(4, 6))).toEqual([2, 3]);
  });
});

describe('lastWindows', () => {
  it('takes the last L points and left-pads shorter series', () => {
    const { y, mask } = lastWindows([range(5), range(2)], 3);
    expect(Array.from(y)).toEqual([3, 4, 5, 0, 1, 2]);
    expect(Array.from(mask)).toEqual([1, 1, 1, 0, 1, 1]);
  });
});
