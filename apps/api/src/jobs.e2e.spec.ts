import type { AddressInfo } from 'node:net';
import { hourlySeries } from '@tsforecast/service/testing';
import type { RunningWorker } from '@tsforecast/app';
import { startApiWorkers } from './api-workers';
import { buildTestApi, type TestApi } from './testing/build-test-api';
import { hourlyCsv } from './testing/hourly-csv';

jest.setTimeout(300_000);

interface JobBody {
  state: string;
  progress: { runsDone: number; runsTotal: number; current: string[]; stepsPerSecond: number | null; etaSeconds: number | null };
  runs: {
    model: string;
    status: string;
    runId: string;
    modelRef: string | null;
    error: string | null;
    progress: number | null;
    etaSeconds: number | null;
  }[];
}

/** `GET /experiments/:id`, the part this test reads. */
interface LeaderboardBody {
  leaderboard: { horizon: number; runs: { rank: number; model: string; runId: string; scoreIsFinite: boolean }[] }[];
}

/**
 * The path a user takes, over real HTTP on a listening port: upload a CSV,
 * train SeasonalNaive + MLP as a job run by the API's own worker (a child
 * process, real ONNX Runtime), poll it to the end, promote the best model of
 * the leaderboard (whichever kind won: a baseline is fitted on the request,
 * a neural model runs its ONNX file), forecast with `name@production`, and see
 * the request in /metrics.
 */
describe('training jobs end to end over HTTP', () => {
  let api: TestApi;
  let workers: RunningWorker | undefined;
  let base: string;
  let tokens: Record<'read' | 'train' | 'admin' | 'forecast', string>;
  const call = async (
    method: string,
    path: string,
    scope: keyof typeof tokens | null,
    body?: string | object,
    type = 'application/json',
  ) => {
    const headers: Record<string, string> = scope === null ? {} : { authorization: `Bearer ${tokens[scope]}` };
    if (body !== undefined) headers['content-type'] = type;
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
  };

  const loggedErrors = () =>
    api.logger.records
      .filter((record) => record.level === 'error')
      .map((record) => `${record.message}\n${String(record.fields['stack'] ?? '')}`);

  beforeAll(async () => {
    api = await buildTestApi({ API_LOCAL_WORKERS: '1', LOG_LEVEL: 'warn' });
    workers = await startApiWorkers(api.settings, api.logger);
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${String((api.app.server.address() as AddressInfo).port)}`;
    tokens = {
      read: await api.tokenFor(['read']),
      train: await api.tokenFor(['train'], 'trainer'),
      admin: await api.tokenFor(['admin']),
      forecast: await api.tokenFor(['forecast']),
    };
  });
  afterAll(async () => {
    await workers?.stop({ cancel: true });
    await api?.close();
  });

  it('uploads, trains, promotes and serves', async () => {
    const uploaded = await call('POST', '/datasets?name=hourly.csv', 'train', hourlyCsv(2, 60), 'text/csv');
    expect(uploaded.status).toBe(201);
    expect(uploaded.json()).toMatchObject({ rows: 120, series: 2 });

    const submitted = await call('POST', '/jobs', 'train', {
      data: uploaded.json()['id'],
      models: ['SeasonalNaive', 'MLP'],
      horizons: [6],
      experiment: 'jobs-e2e',
      overrides: { maxSteps: 20 },
    });
    // A 500 says only 'internal error': the logged error (message and stack) tells why.
    expect({ status: submitted.status, errors: loggedErrors() }).toEqual({ status: 202, errors: [] });
    const location = submitted.headers.get('location')!;

    let job: JobBody;
    const deadline = Date.now() + 240_000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = (await call('GET', location, 'read')).json() as unknown as JobBody;
    } while (['queued', 'running'].includes(job.state) && Date.now() < deadline);
    expect(job.runs.map((run) => [run.model, run.status, run.error])).toEqual([
      ['SeasonalNaive', 'completed', null],
      ['MLP', 'completed', null],
    ]);
    expect(job.state).toBe('completed');
    expect(job.progress).toMatchObject({ runsDone: 2, runsTotal: 2, etaSeconds: 0 });

    // The use case: promote whatever the leaderboard ranks first, then forecast with name@production.
    const ranked = (await call('GET', '/experiments/jobs-e2e', 'read')).json() as unknown as LeaderboardBody;
    const best = ranked.leaderboard.find((board) => board.horizon === 6)!.runs[0]!;
    expect(best).toMatchObject({ rank: 1, scoreIsFinite: true });
    const bestJobRun = job.runs.find((run) => run.runId === best.runId)!;
    expect(bestJobRun.model).toBe(best.model);
    const run = (await call('GET', `/runs/${best.runId}`, 'read')).json() as { modelVersion: { ref: string; stage: string } };
    expect(run.modelVersion).toMatchObject({ ref: bestJobRun.modelRef, stage: 'none' });
    const [name, version] = bestJobRun.modelRef!.split('@');
    const promoted = await call('POST', `/models/${name!}/versions/${version!}/stage`, 'admin', { stage: 'production' });
    expect(promoted.status).toBe(200);

    const forecast = await call('POST', '/forecast', 'forecast', { model: `${name!}@production`, series: [hourlySeries('s0', 60)] });
    expect(forecast.status).toBe(200);
    expect(forecast.json()['model']).toBe(bestJobRun.modelRef);
    const forecasts = forecast.json()['forecasts'] as { unique_id: string; y_hat: number[] }[];
    expect(forecasts[0]!.unique_id).toBe('s0');
    expect(forecasts[0]!.y_hat).toHaveLength(6);
    expect(forecasts[0]!.y_hat.every(Number.isFinite)).toBe(true);

    const metrics = await call('GET', '/metrics', null);
    expect(metrics.text).toMatch(
      /^tsforecast_http_request_duration_seconds_count\{method="POST",route="\/forecast",status_code="200"\} 1$/m,
    );
    expect(metrics.text).toMatch(/^tsforecast_forecast_duration_seconds_count 1$/m);
  });

  it('shows a running fit with progress, steps/s and ETA from its heartbeat, and cancels it: the fit stops, its run is cancelled', async () => {
    const uploaded = await call('POST', '/datasets', 'train', hourlyCsv(2, 60), 'text/csv');
    const submitted = await call('POST', '/jobs', 'train', {
      data: uploaded.json()['id'],
      models: ['MLP'],
      horizons: [6],
      experiment: 'jobs-e2e-cancel',
      overrides: { maxSteps: 2000 },
    });
    const location = submitted.headers.get('location')!;
    const poll = async (until: (job: JobBody) => boolean) => {
      const deadline = Date.now() + 120_000;
      for (;;) {
        const job = (await call('GET', location, 'read')).json() as unknown as JobBody;
        if (until(job) || Date.now() > deadline) return job;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const running = await poll((job) => job.runs[0]!.progress !== null || (job.state !== 'queued' && job.state !== 'running'));
    expect(running.state).toBe('running');
    expect(running.progress.current).toEqual(['MLP h=6']);
    expect(running.runs[0]!.progress).toBeGreaterThan(0);
    expect(running.progress.stepsPerSecond).toBeGreaterThan(0);
    expect(running.progress.etaSeconds).toBeGreaterThan(0);

    const cancelling = await call('DELETE', location, 'train');
    expect(cancelling.status).toBe(202);
    const ended = await poll((job) => job.state === 'cancelled');
    expect(ended.state).toBe('cancelled');
    expect(ended.runs[0]!.status).toBe('cancelled');
    const run = (await call('GET', `/runs/${ended.runs[0]!.runId}`, 'read')).json();
    expect(run['status']).toBe('cancelled');
    expect((await call('DELETE', location, 'train')).status).toBe(409);
  });
});
