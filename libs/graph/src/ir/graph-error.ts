import { TsforecastError, UsageError } from '@tsforecast/config';

/**
 * A graph that cannot be built: wrong shapes, wrong dtypes, unknown ops or bad
 * attributes. Raised at build time, before anything runs (exit code 2: the
 * model definition is wrong, not the machine).
 *
 * @example
 * // MatMul 'block1.fc1': inner dimensions differ: a [B, 48] × b [96, 512]
 */
export class GraphError extends UsageError {}

/** A failure while training or running a compiled graph (NaN loss, ORT errors). */
export class GraphRuntimeError extends TsforecastError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 1 });
  }
}
