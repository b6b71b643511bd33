import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryLogger } from '@tsforecast/config/testing';
import { MlflowRunSink } from './mlflow-run-sink';
import type { RecordedRun } from './run-recorder';

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

  function recorded(id: string, overrides: Partial<RecordedRun> = {}): RecordedRun {
    const parameters = { max_steps: 100, layers: [512, 512] };
    return {
      id,
      kind: 'train',
      experiment: 'sales',
      experimentId: 'e',
      datasetId: null,
      model: 'NHITS',
      horizon: 12,
      parameters,
      startedAt: new Date(1000),
      ...overrides,
    };
  }

  it('creates the experiment once and logs a run with params, metrics and status', async () => {
    const sink = new MlflowRunSink({ ENABLE_MLFLOW: true, MLFLOW_TRACKING_URI: uri }, new MemoryLogger());
    await sink.finished(recorded('r1'), { status: 'completed', result: { metrics: { mae: 17.5, mape: Number.NaN } } }, new Date(5000));
    await sink.finished(recorded('r2'), { status: 'failed', error: 'Loss became NaN at step 3' }, new Date(5000));
    await sink.finished(recorded('r3', { kind: 'trial' }), { status: 'cancelled', reason: 'trial 3 pruned' }, new Date(5000));
    expect(received.filter((r) => r.path.endsWith('/experiments/create'))).toHaveLength(1);
    const batch = received.find((r) => r.path.endsWith('/runs/log-batch'))!.body!;
    expect(batch['metrics']).toEqual([{ key: 'mae', value: 17.5, timestamp: 5000, step: 0 }]);
    expect(batch['params']).toEqual(
      expect.arrayContaining([
        { key: 'max_steps', value: '100' },
        { key: 'layers', value: '[512,512]' },
        { key: 'horizon', value: '12' },
      ]),
    );
    const updates = received.filter((r) => r.path.endsWith('/runs/update')).map((r) => r.body!['status']);
    expect(updates).toEqual(['FINISHED', 'FAILED', 'KILLED']);
  });

  it('sends nothing unless ENABLE_MLFLOW is set', async () => {
    const before = received.length;
    const sink = new MlflowRunSink({ ENABLE_MLFLOW: false, MLFLOW_TRACKING_URI: uri }, new MemoryLogger());
    await sink.finished(recorded('r4'), { status: 'completed', result: { metrics: { mae: 1 } } }, new Date());
    expect(received.length).toBe(before);
  });

  it('names the unreachable server, its password masked', async () => {
    const sink = new MlflowRunSink({ ENABLE_MLFLOW: true, MLFLOW_TRACKING_URI: 'http://user:hunter2@127.0.0.1:1' }, new MemoryLogger());
    const failure = sink.finished(recorded('r5'), { status: 'completed', result: { metrics: {} } }, new Date());
    await expect(failure).rejects.toThrow(/^MLflow at http:\/\/user:\*\*\*@127\.0\.0\.1:1 unreachable/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});
