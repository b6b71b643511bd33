import type * as Ort from 'onnxruntime-node';

let loaded: typeof Ort | undefined;

/**
 * onnxruntime-node, loaded at the first call rather than at import: loading it
 * (its native binding and thread pools) costs every process that imports the
 * graph lib tens of milliseconds, and most CLI commands (the database ones,
 * `--help`, `models`) never create a session. Call it where a session or a
 * tensor is made, never at module level.
 *
 * @example
 * const ort = onnxRuntime();
 * const session = await ort.InferenceSession.create(bytes);
 */
export function onnxRuntime(): typeof Ort {
  return (loaded ??= require('onnxruntime-node') as typeof Ort);
}
