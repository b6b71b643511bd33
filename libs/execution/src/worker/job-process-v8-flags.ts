/**
 * V8 flags of a job process.
 *
 * `--single-threaded-gc`: the collector works on the job's own thread instead
 * of V8's helper threads. A job process is given its share of the cores (its
 * ONNX Runtime threads); the helpers ran beside it, on a core another job slot
 * or ORT's second thread was using. Training makes a lot of garbage that only
 * the collector frees — onnxruntime-node returns a fresh copy of every output,
 * 29 MB a step for NHITS — and for NHITS (h 12, 1 ORT thread) the helpers
 * burned 1.2–1.7 s of CPU per 80 steps beside 2.6–3.1 s on the job's thread;
 * collecting on the job's thread cost it 0.5 s more and saved 1.2–1.6 s in
 * all (53–60 → 40–48 ms of CPU a step on the shared 2-core bench machine).
 *
 * `--harmony-rab-gsab-transfer` (only on a Node whose V8 has not shipped it,
 * i.e. Node 20): `ArrayBuffer.prototype.transfer`, with which a train step
 * frees those copies as soon as it has read them (graph's `freeOutputCopies`)
 * instead of leaving them to the collector: no collection runs during the
 * step loop, NHITS 30–42 → 24–28 ms of CPU a step. Node ≥ 21 has it without a
 * flag (and would reject the flag).
 * @internal
 */
export const jobProcessV8Flags: readonly string[] = [
  '--single-threaded-gc',
  ...(typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function' ? [] : ['--harmony-rab-gsab-transfer']),
];
