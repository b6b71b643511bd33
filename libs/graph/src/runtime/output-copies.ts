import type * as ort from 'onnxruntime-node';

/** `ArrayBuffer.prototype.transfer` (ES2024): Node ≥ 21, or Node 20 with `--harmony-rab-gsab-transfer`. */
type TransferableBuffer = ArrayBufferLike & { transfer?: (newLength: number) => ArrayBuffer };

/**
 * Frees the buffers of a `session.run` result at once instead of leaving them
 * to V8's collector, where the runtime can (`ArrayBuffer.prototype.transfer`;
 * elsewhere it does nothing). Call it when the result has been read.
 *
 * Why: onnxruntime-node returns a fresh, zero-filled copy of every output,
 * also of the preallocated ones a train step writes in place — three times the
 * parameter count every step (29 MB for NHITS at h 12). Left to the collector,
 * that external memory made V8 scavenge every step and run a full mark-compact
 * every 6–7 steps ("external memory pressure"): 30 of them in 200 NHITS steps,
 * ~25–30 % of a step's CPU. Freed here, the next step's copies reuse the same
 * (cached) heap memory and no collection runs during the loop
 * (NHITS h 12–24: 30–42 → 24–28 ms of CPU a step, 1 ORT thread).
 *
 * `own` are buffers the caller keeps (preallocated inputs and outputs): never
 * freed, in case a binding returns them instead of a copy.
 * @internal
 *
 * @example
 * const out = await session.run(feeds, fetches);
 * const loss = out['loss'].data[0];
 * freeOutputCopies(out, ownBuffers);
 */
export function freeOutputCopies(out: ort.InferenceSession.ReturnType, own: ReadonlySet<ArrayBufferLike>): void {
  const copies = new Set(Object.values(out).map((tensor) => (tensor.data as Float32Array).buffer as TransferableBuffer));
  for (const buffer of copies) {
    // A detached buffer has length 0 (several outputs may share one buffer).
    if (typeof buffer.transfer === 'function' && buffer.byteLength > 0 && !own.has(buffer)) buffer.transfer(0);
  }
}
