import { choice, loguniform, randint } from './expressions';
import { flattenSpace } from './flat-space';
import type { SearchSpace } from './search-space';

// The type checks here run under `npm run typecheck` (tsc over every spec):
// each `@ts-expect-error` fails the typecheck if the line ever compiles.

interface Hyperparameters {
  hiddenSize: number;
  activation: 'ReLU' | 'GELU';
  kernels: number[];
  units: number[][];
}

describe('SearchSpace', () => {
  it('takes expressions, choices of values and fixed values for the hyperparameters', () => {
    const space: SearchSpace<Hyperparameters> = {
      hiddenSize: randint('hiddenSize', 16, 64),
      activation: choice('activation', ['ReLU', 'GELU'] as const),
      kernels: choice('kernels', [
        [2, 2, 1],
        [1, 1, 1],
      ]),
      units: [[32, 32]],
    };
    expect(flattenSpace(space).params.map((p) => p.name)).toEqual(['hiddenSize', 'activation', 'kernels']);
  });

  it('rejects at compile time a key that is no hyperparameter and options of the wrong type', () => {
    const misspelled: SearchSpace<Hyperparameters> = {
      // @ts-expect-error 'hiddenSise' is not a key of Hyperparameters
      hiddenSise: randint('hiddenSise', 16, 64),
    };
    const wrongOption: SearchSpace<Hyperparameters> = {
      // @ts-expect-error 'Tanh' is not an activation
      activation: choice('activation', ['ReLU', 'Tanh'] as const),
    };
    const numericForList: SearchSpace<Hyperparameters> = {
      // @ts-expect-error a list cannot be drawn from a numeric expression
      kernels: loguniform('kernels', 1, 8),
    };
    expect([misspelled, wrongOption, numericForList].map((s) => Object.keys(s))).toEqual([['hiddenSise'], ['activation'], ['kernels']]);
  });
});
