import type * as ort from 'onnxruntime-node';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type Logger } from '@tsforecast/config';
import { GraphRuntimeError } from '../ir/graph-error';
import { onnxRuntime } from './onnx-runtime';
import type { Backend, RuntimeOptions } from './session-options';

/** A created session and the provider actually used. */
export interface CreatedSession {
  readonly session: ort.InferenceSession;
  readonly backend: Backend;
}

const installHint: Record<Backend, string> = {
  cpu: '',
  cuda: 'libonnxruntime_providers_cuda.so not installed: run ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci',
  webgpu: 'no WebGPU adapter on this machine',
};

function baseOptions(o: RuntimeOptions): ort.InferenceSession.SessionOptions {
  return {
    graphOptimizationLevel: o.optimizationLevel ?? 'all',
    // ORT rejects an explicit undefined; leave the key out for its default (one thread per core).
    ...(o.threads && o.threads > 0 ? { intraOpNumThreads: o.threads } : {}),
    interOpNumThreads: o.interOpThreads ?? 1,
    executionMode: 'sequential',
    enableCpuMemArena: o.memoryArena ?? true,
    // ORT requires a file prefix with profiling; the trace goes to the temp folder (endProfiling() returns its path).
    ...(o.profiling ? { enableProfiling: true, profileFilePrefix: join(tmpdir(), 'tsforecast-ort-profile') } : { enableProfiling: false }),
    logSeverityLevel: 3,
    // Idle intra-op threads sleep instead of spinning (ORT's default): spinning cost 1.6–1.8× the CPU of a train step for
    // little or no speed with 2 threads on the 2-core bench machine, CPU a second job slot or the JavaScript thread needs.
    ...(o.spinning ? {} : { extra: { session: { intra_op: { allow_spinning: '0' } } } }),
  };
}

function providerFor(backend: Backend, o: RuntimeOptions): ort.InferenceSession.ExecutionProviderConfig {
  if (backend === 'cuda') {
    const limit = o.gpuMemoryLimitMb ?? 0;
    return limit > 0
      ? ({ name: 'cuda', gpu_mem_limit: String(limit * 1024 * 1024) } as ort.InferenceSession.ExecutionProviderConfig)
      : { name: 'cuda' };
  }
  return backend === 'webgpu' ? { name: 'webgpu' } : { name: 'cpu', useArena: o.memoryArena ?? true };
}

/**
 * Creates an ONNX Runtime session on the asked execution provider, falling back
 * to CPU with ONE log line that says what was asked, what is used and why.
 *
 * @example
 * const { session, backend } = await createSession(bytes, { backend: 'cuda', threads: 2 }, logger);
 */
export async function createSession(
  model: Uint8Array,
  options: RuntimeOptions = {},
  logger: Logger = silentLogger,
): Promise<CreatedSession> {
  const ort = onnxRuntime();
  const asked = options.backend ?? 'cpu';
  if (asked !== 'cpu') {
    const supported = ort.listSupportedBackends().find((b) => b.name === asked);
    let reason: string;
    if (!supported) reason = `not built into onnxruntime-node ${ort.env.versions.node ?? ''}`.trim();
    else if (!supported.bundled && asked === 'cuda' && !(await cudaInstalled())) reason = installHint.cuda;
    else {
      try {
        const session = await ort.InferenceSession.create(model, {
          ...baseOptions(options),
          executionProviders: [providerFor(asked, options)],
        });
        logger.info(`execution provider '${asked}' in use`, { asked, used: asked });
        return { session, backend: asked };
      } catch (e) {
        reason = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
        if (asked === 'webgpu' && /adapter/i.test(reason)) reason = installHint.webgpu;
        else if (reason.length > 200) reason = `${reason.slice(0, 200)}…`;
      }
    }
    logger.warn(`execution provider '${asked}' unavailable (${reason}); using 'cpu'`, { asked, used: 'cpu', reason });
  }
  try {
    const session = await ort.InferenceSession.create(model, {
      ...baseOptions(options),
      executionProviders: [providerFor('cpu', options)],
    });
    return { session, backend: 'cpu' };
  } catch (e) {
    throw new GraphRuntimeError(`ONNX Runtime could not load the model: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

async function cudaInstalled(): Promise<boolean> {
  const { existsSync } = await import('node:fs');
  const path = await import('node:path');
  const dir = path.dirname(require.resolve('onnxruntime-node/package.json'));
  const bin = path.join(dir, 'bin', 'napi-v6', process.platform, process.arch, 'libonnxruntime_providers_cuda.so');
  return existsSync(bin);
}
