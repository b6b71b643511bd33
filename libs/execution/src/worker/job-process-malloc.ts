/** Allocations below this many bytes come from glibc's heap instead of a fresh `mmap` (glibc's ceiling: 32 MiB). */
const mmapThresholdBytes = 32 * 1024 * 1024;
/** Free memory at the top of glibc's heap is kept up to this many bytes instead of being handed back to the kernel. */
const trimThresholdBytes = 256 * 1024 * 1024;

/**
 * glibc malloc settings for a job process, read by glibc when the process
 * starts (so they can only be given to a child, never set from JavaScript).
 *
 * Why: onnxruntime-node copies every output of `session.run` into a fresh
 * ArrayBuffer — also the preallocated ones (the next parameters and Adam
 * states, three times the parameter count every train step: 13 MB a step for
 * MLP, 29 MB for NHITS). With glibc's default, self-tuning thresholds those
 * buffers are mapped, zeroed page by page and unmapped again every step: on
 * the 2-core bench machine that was ~45% of an MLP step's CPU and ~30% of an
 * NHITS step's (28 → 13 ms and 54 → 38 ms of CPU a step at h 12: page faults,
 * zeroing, and V8's collector freeing them). Kept on the heap, the memory is reused step after step; a process holds at most
 * `trimThresholdBytes` of freed memory, and arithmetic is unchanged.
 *
 * Both are needed: the mmap threshold alone leaves the heap trimmed (and
 * refaulted) after every step, the trim threshold alone maps every buffer
 * over 128 KiB. A value already in `env` (the operator's), or glibc malloc
 * tunables in `GLIBC_TUNABLES`, win. Other C libraries ignore the variables.
 * @internal
 *
 * @example
 * fork(entry, [], { env: { ...jobProcessMallocEnv(process.env), ...process.env } });
 */
export function jobProcessMallocEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  if (env['GLIBC_TUNABLES']?.includes('glibc.malloc.')) return {};
  const defaults: Record<string, string> = {
    MALLOC_MMAP_THRESHOLD_: String(mmapThresholdBytes),
    MALLOC_TRIM_THRESHOLD_: String(trimThresholdBytes),
  };
  return Object.fromEntries(Object.entries(defaults).filter(([name]) => env[name] === undefined));
}
