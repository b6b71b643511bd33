/**
 * The open-loop load generator in a process of its own (`openLoopInProcess` in
 * main.ts starts it): it loads nothing but the HTTP client, sends bodies
 * encoded once beforehand, keeps no answer bodies, and reports its own
 * event-loop delay and GC pauses beside the samples, so that the bench's
 * setup (database, training, the libs: a large heap) and its bookkeeping never
 * delay a send or the reading of an answer.
 *
 *   node --import tsx tools/bench/api/open-loop-process.ts <plan.json>   # writes one JSON line to stdout
 */
import { readFileSync } from 'node:fs';
import { HttpClient, openLoop } from './load';
import { watchClient } from './tail-diagnostics';

/** One call of the cycle the generator repeats (call i is `calls[i % calls.length]`). */
export interface PlannedCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
}

/** What the generator is asked to do. */
export interface LoadPlan {
  readonly port: number;
  readonly token: string;
  readonly rps: number;
  readonly seconds: number;
  readonly calls: readonly PlannedCall[];
}

/** What it answers: per call its latency, status and lateness; its own event-loop delay and GC pauses. */
export interface LoadResult {
  readonly ms: number[];
  readonly status: number[];
  readonly lateMs: number[];
  readonly client: Record<string, unknown>;
}

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadPlan;
  const calls = plan.calls.map((c) => ({ ...c, bytes: c.body === undefined ? undefined : Buffer.from(c.body) }));
  const client = new HttpClient(plan.port, plan.token);
  const stop = watchClient();
  const samples = await openLoop(plan.rps, plan.seconds, (i) => {
    const { method, path, bytes } = calls[i % calls.length]!;
    return client.send(method, path, bytes);
  });
  const result: LoadResult = {
    ms: samples.map((s) => s.ms),
    status: samples.map((s) => s.status),
    lateMs: samples.map((s) => s.lateMs ?? 0),
    client: stop(),
  };
  client.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`open-loop-process failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
