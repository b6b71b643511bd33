import { UsageError } from '@tsforecast/config';
import { autoEtsDefinition } from './auto-ets-definition';
import { frameOf } from '../../testing/frame-of';
import { fitAndPredict } from '../../testing/fit-and-predict';

function frame(series: Record<string, number[]>) {
  return frameOf(series, { unit: 'year' });
}

describe('AutoETS definition', () => {
  it("defaults to R's ets: model ZZZ, damped tried both ways, 80/95 % intervals", () => {
    expect(autoEtsDefinition.defaults(6, 4)).toEqual({ seasonLength: 4, level: [80, 95], model: 'ZZZ', damped: null });
  });

  it('rejects model strings R rejects, naming the field and value', () => {
    expect(() => autoEtsDefinition.create(6, 1, { model: 'ZZ' })).toThrow(UsageError);
    expect(() => autoEtsDefinition.create(6, 1, { model: 'QNN' })).toThrow(/'model' must be three letters.*got "QNN"/);
    expect(() => autoEtsDefinition.create(6, 1, { model: 'AMN' })).toThrow(
      /'model' AMN with damped=null is not allowed: additive error with a multiplicative/,
    );
    expect(() => autoEtsDefinition.create(6, 1, { model: 'MMA' })).toThrow(/ETS\(M,M,A\)/);
    expect(() => autoEtsDefinition.create(6, 1, { model: 'ANN', damped: true })).toThrow(/damped model without trend/);
    expect(() => autoEtsDefinition.create(6, 1, { damped: 'yes' as unknown as boolean })).toThrow(
      /'damped' must be true, false or null, got "yes"/,
    );
  });

  it('fits and forecasts every series of a frame, intervals as quantiles around the mean', async () => {
    const data = frame({ a: [12, 14, 13, 15, 17, 16, 18, 20, 19, 21, 23, 22], b: [5, 3] });
    const model = autoEtsDefinition.create(3, 1, {});
    const fc = await fitAndPredict(model, data);
    expect(fc.mean).toHaveLength(2);
    expect(fc.quantiles?.levels).toEqual([0.025, 0.1, 0.5, 0.9, 0.975]);
    const q = fc.quantiles!.values;
    for (let i = 0; i < 3; i++) {
      expect(q[0]![0]![i]).toBeLessThan(q[1]![0]![i]!);
      expect(q[2]![0]![i]).toBe(fc.mean[0]![i]);
      expect(q[4]![0]![i]).toBeGreaterThan(q[3]![0]![i]!);
    }
    expect(fc.mean[0]![0]).toBeGreaterThan(21);
  });
});
