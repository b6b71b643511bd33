import { DataError } from '@tsforecast/config';
import type { PersistentSpec } from '../compile/compiled-types';
import type { ParameterValues } from '../compile/export-inference';

/** Checks names and lengths of parameter values against the model's persistents. */
export function checkValues(specs: readonly PersistentSpec[], values: ParameterValues, what: string): void {
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (const [name, v] of Object.entries(values)) {
    const spec = byName.get(name);
    if (!spec) throw new DataError(`${what}: unknown parameter '${name}'; known: ${[...byName.keys()].join(', ')}`);
    if (v.length !== spec.init.length)
      throw new DataError(`${what}: '${name}' has ${v.length} values, expected ${spec.init.length} for [${spec.shape.join(', ')}]`);
  }
}

export function copyValues(into: Map<string, Float32Array>, name: string, v: Float32Array): void {
  const target = into.get(name);
  if (target) target.set(v);
  else into.set(name, Float32Array.from(v));
}
