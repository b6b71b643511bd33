/**
 * Worker-thread entry of {@link OnnxWorkerPool}: opens one ORT session on the
 * model bytes it is started with (the runner's runtime options, one intra-op
 * thread) and runs the feeds it is sent, one message per run, outputs
 * transferred back (no copy).
 *
 * @internal
 */
import { parentPort, workerData } from 'node:worker_threads';
import type * as ort from 'onnxruntime-node';
import { createSession, onnxRuntime } from '@tsforecast/graph';
import type { SessionWorkerData, SessionWorkerReply, SessionWorkerRun } from './onnx-worker-protocol';

const port = parentPort;
if (port === null) throw new Error('onnx-session-worker must run in a worker thread');
const { onnx, runtime } = workerData as SessionWorkerData;

async function main(session: ort.InferenceSession): Promise<void> {
  const { Tensor } = onnxRuntime();
  port!.on('message', async ({ id, feeds }: SessionWorkerRun) => {
    try {
      const inputs: Record<string, ort.Tensor> = {};
      for (const [name, { data, dims }] of Object.entries(feeds)) inputs[name] = new Tensor('float32', data, dims);
      const out = await session.run(inputs);
      const outputs: Record<string, Float32Array> = {};
      const transfer: ArrayBuffer[] = [];
      for (const name of session.outputNames) {
        const data = out[name]!.data as Float32Array;
        // Transfer whole buffers only: a view into a larger buffer is copied out first.
        const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
        outputs[name] = own;
        transfer.push(own.buffer as ArrayBuffer);
      }
      port!.postMessage({ id, outputs } satisfies SessionWorkerReply, transfer);
    } catch (error) {
      port!.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies SessionWorkerReply);
    }
  });
  port!.postMessage('ready');
}

createSession(onnx, { ...runtime, backend: 'cpu', threads: 1 }).then(
  ({ session }) => main(session),
  (error: unknown) => port.postMessage({ failed: error instanceof Error ? error.message : String(error) }),
);
