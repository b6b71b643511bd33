import type { RuntimeOptions } from '@tsforecast/graph';

/** What a session worker starts with. @internal */
export interface SessionWorkerData {
  readonly onnx: Uint8Array;
  readonly runtime: RuntimeOptions;
}

/** One float32 input: data [dims] in row-major order. @internal */
export interface SessionWorkerFeed {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** One `session.run` asked of a worker. @internal */
export interface SessionWorkerRun {
  readonly id: number;
  readonly feeds: Record<string, SessionWorkerFeed>;
}

/** A worker's answer to one run: every output's data, or the error message. @internal */
export type SessionWorkerReply =
  | { readonly id: number; readonly outputs: Record<string, Float32Array>; readonly error?: undefined }
  | { readonly id: number; readonly error: string };
