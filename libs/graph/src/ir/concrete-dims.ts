import { DataError } from '@tsforecast/config';
import { factorDim, formatShape } from './dim';

/** Resolves a shape with bound symbols to concrete dims. */
export function concreteDims(shape: readonly (number | string)[], symbols: ReadonlyMap<string, number>, what: string): number[] {
  return shape.map((d) => {
    if (typeof d === 'number') return d;
    const f = factorDim(d);
    return f.symbols.reduce((acc, s) => {
      const v = symbols.get(s);
      if (v === undefined) throw new DataError(`${what}: symbol '${s}' of ${formatShape(shape)} is not bound by any input`);
      return acc * v;
    }, f.size);
  });
}
