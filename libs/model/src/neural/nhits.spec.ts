import { interpret, nd } from '@tsforecast/graph/testing';
import { buildBody } from '../testing/build-body';
import { NHITS, nhitsDefaults, type NHITSHyperparameters } from './nhits';

const h = 12;
const inputSize = 12;

/** NHITS's network body on a fixed window batch (float64 reference interpreter), as [B·h] values. */
function forecast(overrides: Partial<NHITSHyperparameters>): number[] {
  const network = new NHITS(h, { ...nhitsDefaults(h), inputSize, mlpUnits: [[8, 8]], ...overrides });
  const { g, out } = buildBody(network, 3);
  const window = Array.from({ length: 2 * inputSize }, (_, i) => Math.sin(i) + (i % 5));
  const [values] = interpret(
    g,
    {
      z: nd([2, inputSize], window),
      mask: nd(
        [2, inputSize],
        window.map(() => 1),
      ),
    },
    [out],
  );
  return Array.from(values.data);
}

describe('NHITS', () => {
  it.each(['MaxPool1d', 'AvgPool1d'] as const)(
    '%s: a pooling kernel longer than the input pools the whole window, as PyTorch ceil-mode pooling does in NeuralForecast',
    (poolingMode) => {
      // AutoNHITS proposes kernel 16 with inputSize = h = 12: one window over all 12 points, like kernel 12.
      const longer = forecast({ poolingMode, nPoolKernelSize: [16, 8, 1] });
      const whole = forecast({ poolingMode, nPoolKernelSize: [12, 8, 1] });
      expect(longer).toHaveLength(2 * h);
      expect(longer).toEqual(whole);
      expect(forecast({ poolingMode, nPoolKernelSize: [6, 8, 1] })).not.toEqual(whole);
    },
  );
});
