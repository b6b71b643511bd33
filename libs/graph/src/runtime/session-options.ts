import type { Settings } from '@tsforecast/config';

/** Execution providers the graph lib knows how to ask for. */
export type Backend = 'cpu' | 'webgpu' | 'cuda';

/** How to create an ONNX Runtime session. */
export interface RuntimeOptions {
  /** Preferred execution provider; falls back to 'cpu' with one log line (default 'cpu'). */
  readonly backend?: Backend;
  /** Intra-op threads; 0 or absent = ORT default (one per core). */
  readonly threads?: number;
  /**
   * Let idle intra-op threads spin-wait for work (ORT's own default) rather than sleep (our default, false): spinning
   * buys a little latency with the CPU other jobs and the JavaScript thread could use. Only matters with `threads` > 1.
   */
  readonly spinning?: boolean;
  /** Inter-op threads (default 1: graphs run sequentially). */
  readonly interOpThreads?: number;
  /** ORT CPU memory arena (default true). */
  readonly memoryArena?: boolean;
  /** GPU memory limit in MiB for CUDA; 0 or absent = no limit. */
  readonly gpuMemoryLimitMb?: number;
  /** ORT graph optimisation level (default 'all'). */
  readonly optimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /** ORT profiling: writes a JSON trace to the temp folder; `session.endProfiling()` returns its path. */
  readonly profiling?: boolean;
}

/** Maps config settings (`DEFAULT_BACKEND`, `ENABLE_GPU`, `GPU_MEMORY_LIMIT`, `ORT_THREADS`) to runtime options. */
export function runtimeOptionsFromSettings(
  settings: Pick<Settings, 'DEFAULT_BACKEND' | 'ENABLE_GPU' | 'GPU_MEMORY_LIMIT' | 'ORT_THREADS'>,
): RuntimeOptions {
  return {
    backend: settings.ENABLE_GPU || settings.DEFAULT_BACKEND === 'cpu' ? settings.DEFAULT_BACKEND : 'cpu',
    threads: settings.ORT_THREADS,
    gpuMemoryLimitMb: settings.GPU_MEMORY_LIMIT,
  };
}
