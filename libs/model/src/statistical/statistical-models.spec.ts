import { statisticalDefinition } from './core/statistical-definition';
import { statisticalModelSpecs } from './statistical-models';
import { frameOf } from '../testing/frame-of';
import { fitAndPredict } from '../testing/fit-and-predict';

/** The edge cases every statistical model must survive with finite forecasts (docs/MODELS.md). */
const edgeCases: Record<string, number[]> = {
  one: [5],
  two: [5, 7],
  three: [5, 7, 6],
  constant: Array.from({ length: 20 }, () => 3),
  zeros: Array.from({ length: 24 }, (_, t) => (t % 3 === 0 ? 0 : 10 + (t % 4))),
  allZeros: Array.from({ length: 12 }, () => 0),
  shorterThanSeason: [4, 8, 6, 5, 9],
  seasonal: Array.from({ length: 40 }, (_, t) => 50 + t + 10 * Math.sin((2 * Math.PI * t) / 4)),
  negative: Array.from({ length: 30 }, (_, t) => -20 + 0.5 * t + ((t * 7) % 5)),
};

function frame() {
  return frameOf(edgeCases, { unit: 'quarter', seasonLength: 4 });
}

describe.each(statisticalModelSpecs.map((spec) => [spec.name, spec] as const))('%s (registry contract)', (_name, spec) => {
  it('forecasts every edge case with finite values and ordered interval bounds', async () => {
    const definition = statisticalDefinition(spec);
    const model = definition.create(6, 4);
    const data = frame();
    const fc = await fitAndPredict(model, data, { threads: 1 });
    expect(fc.seriesIds).toEqual(Object.keys(edgeCases));
    fc.mean.forEach((mean, i) => {
      expect(mean).toHaveLength(6);
      for (const v of mean)
        expect({ series: fc.seriesIds[i], finite: Number.isFinite(v) }).toEqual({ series: fc.seriesIds[i], finite: true });
    });
    if (fc.quantiles) {
      const { values } = fc.quantiles;
      for (let q = 1; q < values.length; q++) {
        values[q]!.forEach((upper, i) => upper.forEach((v, k) => expect(v).toBeGreaterThanOrEqual(values[q - 1]![i]![k]! - 1e-9)));
      }
    }
  }, 60_000);
});
