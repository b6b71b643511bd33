import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryLogger } from '@tsforecast/config/testing';
import { MlflowRunSink } from './mlflow-run-sink';

// MLflow itself cannot run here (no PyPI), so a real HTTP server on loopback
// plays its REST API 2.0 and records what it receives.
interface Received {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : undefined;
}

describe('MlflowRunSink', () => {
  let server: Server;
  let uri: string;
  const received: Received[] = [];
  const experiments = new Map<string, string>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      void readBody(request).then((body) => {
        const url = new URL(request.url!, 'http://x');
        received.push({ method: request.method!, path: url.pathname, body });
        const send = (status: number, value: unknown) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(value));
        };
        if (url.pathname.endsWith('/experiments/get-by-name')) {
          const id = experiments.get(url.searchParams.get('experiment_name')!);
          return id ? send(200, { experiment: { experiment_id: id } }) : send(404, { error_code: 'RESOURCE_DOES_NOT_EXIST' });
        }
        if (url.pathname.endsWith('/experiments/create')) {
          const id = String(experiments.size + 1);
          experiments.set(body!['name'] as string, id);
          return send(200, { experiment_id: id });
        }
        if (url.pathname.endsWith('/runs/create')) return send(200, { run: { info: { run_id: `mlrun-${received.length}` } } });
        if (url.pathname.endsWith('/runs/log-batch') || url.pathname.endsWith('/runs/update')) return send(200, {});
        return send(404, {});
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('creates the experiment once and logs a run with params, metrics and status', async () => {
    const sink = new MlflowRunSink(uri, new MemoryLogger());
    const base = { experiment: 'sales', model: 'NHITS', horizon: 12, parameters: { max_steps: 100, layers: [512, 512] }, startedAt: new Date(1000), endedAt: new Date(5000) };
    await sink.runFinished({ ...base, runId: 'r1', status: 'completed', metrics: { mae: 17.5, mape: Number.NaN } });
    await sink.runFinished({ ...base, runId: 'r2', status: 'failed', metrics: {}, error: 'Loss became NaN at step 3' });
    expect(received.filter((r) => r.path.endsWith('/experiments/create'))).toHaveLength(1);
    const batch = received.find((r) => r.path.endsWith('/runs/log-batch'))!.body!;
    expect(batch['metrics']).toEqual([{ key: 'mae', value: 17.5, timestamp: 5000, step: 0 }]);
    expect(batch['params']).toEqual(expect.arrayContaining([{ key: 'max_steps', value: '100' }, { key: 'layers', value: '[512,512]' }, { key: 'horizon', value: '12' }]));
    const updates = received.filter((r) => r.path.endsWith('/runs/update')).map((r) => r.body!['status']);
    expect(updates).toEqual(['FINISHED', 'FAILED']);
  });

  it('logs a warning and does not throw when the server is unreachable', async () => {
    const logger = new MemoryLogger();
    const sink = new MlflowRunSink('http://127.0.0.1:1', logger);
    await sink.runFinished({ experiment: 'x', runId: 'r3', model: 'Naive', horizon: 1, status: 'completed', parameters: {}, metrics: {}, startedAt: new Date(), endedAt: new Date() });
    expect(logger.records.some((r) => r.level === 'warn' && /MLflow tracking failed for run r3/.test(r.message))).toBe(true);
  });
});
