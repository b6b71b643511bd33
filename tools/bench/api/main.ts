/**
 * `npm run bench:api` — the forecast bars of issue 12 over real HTTP on
 * loopback: a fresh database on the PostgreSQL server (TEST_DATABASE_URL or
 * 127.0.0.1:5432), an NHITS (h 24, input 48) fitted into it and promoted to
 * production, and `apps/api` started in its own process (built, as `nx serve api` runs it, when every build is
 * current; else its sources under tsx). One JSON line per scenario:
 *
 * - `latency`: one series per request at `--rps` (200) for `--seconds`: client p50/p99, server p50/p99 from the
 *   `/metrics` histograms (forecast service time, and the whole HTTP request), and where a tail comes from: the
 *   server's event-loop delay and GC pauses by kind, its CPU time, page faults and run-queue wait per request (time
 *   its event-loop thread was ready but had no core), the load generator's own event-loop delay, GC pauses, CPU,
 *   run-queue wait and how late it sent against its plan, and how the two were pinned to cores;
 * - `throughput`: `--clients` (32) closed-loop clients, `--series` (8) series per request: series/s, errors;
 * - `big`: one request of 1,000 series (`--big-series`), `--repeats` (100) times after 20 warm-up requests: client
 *   latency of each, server-side means, the server's CPU time, GC pauses and minor page faults per request;
 * - `mixed`: `--mixed-rps` (500) for `--seconds` after a warm-up, 80 % forecasts and 20 % reads (`GET /models`,
 *   `GET /models/NHITS/versions/production`): errors, p99, RSS at the end of the warm-up, every 5 s and at the end.
 *
 *   npm run bench:api -- --scenarios latency,throughput,big,mixed --seconds 60
 *   npm run bench:api -- --scenarios latency --seconds 5   # a short run
 *
 * Flags: --steps N (training steps, 20), --ort-threads N (1), --window-ms N (FORECAST_BATCH_WINDOW_MS, 0),
 * --cpu-prof DIR (the server writes a V8 CPU profile there when it stops), --duration N (= --seconds N),
 * --prediction-logging (the server runs with PREDICTION_LOGGING=true; mixed reports the rows written and dropped),
 * --no-serve-flags (start the server without the Node flags of `nx serve api`, e.g. to measure what they give),
 * --server-flags '--flag …' (more Node flags for the server, e.g. to compare GC settings side by side),
 * --client-process (the latency and mixed load from a process of its own instead of the bench's: to compare the
 * two generators), --server-source (the server's sources under tsx even when every build is current),
 * --server-root DIR (start the built server of another checkout, e.g. a worktree of an earlier commit, to measure it
 * side by side), --server-stdout (the server's standard output on the bench's, e.g. with
 * `--server-flags --trace-gc-nvp`), --generator raw|node (how the open-loop scenarios send: see {@link generator}),
 * --pin on|off (whether the open-loop scenarios hold the server and the generator to cores of their own: see
 * cpu-pinning.ts).
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  closedLoop,
  gaugeValue,
  histogramBuckets,
  histogramMean,
  histogramQuantile,
  HttpClient,
  openLoop,
  quantile,
  type Sample,
} from './load';
import { pinnedRun } from './cpu-pinning';
import { RawHttpClient } from './raw-http-client';
import { processCpu, residentMb, runQueueWaitS, threadCpuMsPerRequest, type ProcessCpu } from './process-cpu';
import { h, hourlySeries, inputSize, startBenchServer, type BenchServer } from './setup';
import { serverTail, watchClient } from './tail-diagnostics';
import type { LoadPlan, LoadResult, PlannedCall } from './open-loop-process';

type Scenario = 'latency' | 'throughput' | 'big' | 'mixed';
const allScenarios: readonly Scenario[] = ['latency', 'throughput', 'big', 'mixed'];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

function numberArg(name: string, fallback: number): number {
  const value = Number(arg(name, String(fallback)));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got '${arg(name, '')}'`);
  return value;
}

/** `--ort-threads` (1); 0 is ORT's default, one thread per core (the server's ORT_THREADS default). */
function ortThreads(): number {
  const value = Number(arg('ort-threads', '1'));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--ort-threads must be an integer >= 0, got '${arg('ort-threads', '')}'`);
  return value;
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;
const emit = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ ...line, load1: round(loadavg()[0]!, 2), cores: cpus().length })}\n`);

function summary(samples: readonly Sample[]) {
  const ok = samples.filter((s) => s.status === 200);
  const ms = samples.map((s) => s.ms);
  return {
    requests: samples.length,
    errors: samples.length - ok.length,
    client_p50_ms: round(quantile(ms, 0.5)),
    client_p99_ms: round(quantile(ms, 0.99)),
  };
}

/** A forecast body of `count` series of `inputSize` points each, ids unique within it. */
function forecastBody(model: string, count: number, offset = 0): string {
  return JSON.stringify({
    model,
    series: Array.from({ length: count }, (_, i) => hourlySeries(`b${offset + i}`, inputSize, (offset + i) % 24)),
  });
}

async function metricsText(server: BenchServer): Promise<string> {
  return (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
}

async function warmUp(client: HttpClient, body: string): Promise<void> {
  for (let i = 0; i < 200; i++) await client.call('POST', '/forecast', body);
}

async function latency(server: BenchServer, client: HttpClient, seconds: number): Promise<void> {
  const rps = numberArg('rps', 200);
  const bodies = Array.from({ length: 64 }, (_, i) => forecastBody('NHITS@production', 1, i));
  await warmUp(client, bodies[0]!);
  const before = await metricsText(server);
  const calls = bodies.map((body): PlannedCall => ({ method: 'POST', path: '/forecast', body }));
  const pid = server.server.pid ?? -1;
  const [cpuBefore, clientCpuBefore, clientWaitBefore] = [processCpu(pid), process.cpuUsage(), runQueueWaitS(process.pid)];
  const { samples, clientTail } = await loadRun(server, client, rps, seconds, calls);
  const [cpuAfter, clientCpu, clientWait] = [
    processCpu(pid),
    process.cpuUsage(clientCpuBefore),
    runQueueWaitS(process.pid) - clientWaitBefore,
  ];
  const after = await metricsText(server);
  const metric = 'tsforecast_forecast_duration_seconds';
  const [from, to] = [histogramBuckets(before, metric), histogramBuckets(after, metric)];
  emit({
    scenario: 'latency',
    rps,
    seconds,
    series_per_request: 1,
    ...summary(samples),
    server_forecast_p50_ms: round(histogramQuantile(from, to, 0.5) * 1000),
    server_forecast_p99_ms: round(histogramQuantile(from, to, 0.99) * 1000),
    ...serverTail(before, after),
    // What a request costs the server (CPU by thread, fresh pages) and the in-process generator: on 2 cores the
    // two share, so either one's CPU is the other's waiting.
    ...serverCost(cpuBefore, cpuAfter, samples.length),
    ...clientTail,
    ...(clientProcess()
      ? {}
      : {
          client_cpu_ms_per_request: round((clientCpu.user + clientCpu.system) / 1000 / samples.length),
          client_run_queue_wait_ms_per_request: round((clientWait * 1000) / samples.length),
        }),
  });
}

/** The server's CPU time (all threads, and by thread) and minor page faults per request between two readings. */
function serverCost(before: ProcessCpu | undefined, after: ProcessCpu | undefined, requests: number): Record<string, unknown> {
  if (!before || !after) return {};
  return {
    server_cpu_ms_per_request: round(((after.processS - before.processS) * 1000) / requests),
    server_cpu_ms_per_request_by_thread: threadCpuMsPerRequest(before, after, requests),
    server_minor_faults_per_request: round((after.minorFaults - before.minorFaults) / requests, 1),
    server_run_queue_wait_ms_per_request: round(((after.mainThreadWaitS - before.mainThreadWaitS) * 1000) / requests),
  };
}

/** Mean series per ONNX run between two scrapes (how much micro-batching merged). */
function meanBatch(before: string, after: string): number {
  const sum = gaugeValue(after, 'tsforecast_forecast_batch_size_sum') - gaugeValue(before, 'tsforecast_forecast_batch_size_sum');
  const count = gaugeValue(after, 'tsforecast_forecast_batch_size_count') - gaugeValue(before, 'tsforecast_forecast_batch_size_count');
  return count > 0 ? sum / count : Number.NaN;
}

async function throughput(server: BenchServer, client: HttpClient, model: string, seconds: number): Promise<void> {
  const clients = numberArg('clients', 32);
  const perRequest = numberArg('series', 8);
  const bodies = Array.from({ length: 32 }, (_, i) => forecastBody(model, perRequest, i * perRequest));
  await warmUp(client, bodies[0]!);
  let i = 0;
  const before = await metricsText(server);
  const { samples, seconds: took } = await closedLoop(clients, seconds, () =>
    client.call('POST', '/forecast', bodies[i++ % bodies.length]!),
  );
  const after = await metricsText(server);
  const ok = samples.filter((s) => s.status === 200).length;
  emit({
    scenario: 'throughput',
    clients,
    mean_series_per_onnx_run: round(meanBatch(before, after), 1),
    series_per_request: perRequest,
    seconds: round(took, 1),
    ...summary(samples),
    series_per_s: round((ok * perRequest) / took, 0),
  });
}

/**
 * One request of `--big-series` (1,000) series of 48 hourly points, `--repeats` (100) times after 20 warm-up
 * requests: client latency of each; server-side means from `/metrics` (the whole request as Fastify timed it:
 * body parse, validation, handler, serialization; and the service call alone); and the server's CPU time per
 * request (all threads, and the event-loop thread alone — on a busy machine the wall figures are mostly waiting).
 */
async function big(server: BenchServer, client: HttpClient, model: string): Promise<void> {
  const repeats = numberArg('repeats', 100);
  const count = numberArg('big-series', 1000);
  // Encoded once, as a load generator sends a request (autocannon, wrk): the 1.8 MB string's encoding on each send
  // (~5 ms of fresh pages here) is the client's work, not the request's latency.
  const body = Buffer.from(forecastBody(model, count));
  const rssBefore = residentMb(server.server.pid ?? -1);
  let responseBytes = 0;
  // A fresh server's first requests are slower while its JIT and heap settle: with 3 warm-up requests, runs of 30
  // gave a client p50 of 58-67 ms where runs of 80-100 of the same build gave 45-52 ms.
  for (let i = 0; i < 20; i++) responseBytes = Buffer.byteLength((await client.call('POST', '/forecast', body)).body);
  const before = await metricsText(server);
  const cpuBefore = processCpu(server.server.pid ?? -1);
  const runs: Sample[] = [];
  // Answers drained, not kept: 100 answers of 1 MB held to the end would weigh on the load generator's GC in the
  // scenario after this one (mixed: its sends ran late by 28 ms at p99, its minor GCs took up to 55 ms).
  for (let r = 0; r < repeats; r++) runs.push(await client.send('POST', '/forecast', body));
  const cpuAfter = processCpu(server.server.pid ?? -1);
  const after = await metricsText(server);
  const perRequestMs = (pick: (cpu: ProcessCpu) => number) =>
    cpuBefore && cpuAfter ? round(((pick(cpuAfter) - pick(cpuBefore)) * 1000) / repeats, 1) : null;
  emit({
    scenario: 'big',
    series: count,
    points_per_series: inputSize,
    request_bytes: Buffer.byteLength(body),
    response_bytes: responseBytes,
    ...summary(runs),
    server_request_mean_ms: round(histogramMean(before, after, 'tsforecast_http_request_duration_seconds', 'route="/forecast"') * 1000, 1),
    server_forecast_mean_ms: round(histogramMean(before, after, 'tsforecast_forecast_duration_seconds') * 1000, 1),
    server_cpu_ms_per_request: perRequestMs((cpu) => cpu.processS),
    server_main_thread_cpu_ms_per_request: perRequestMs((cpu) => cpu.mainThreadS),
    server_cpu_ms_per_request_by_thread: cpuBefore && cpuAfter ? threadCpuMsPerRequest(cpuBefore, cpuAfter, repeats) : null,
    server_gc: serverTail(before, after).server_gc,
    server_minor_faults_per_request: cpuBefore && cpuAfter ? Math.round((cpuAfter.minorFaults - cpuBefore.minorFaults) / repeats) : null,
    ort_threads: ortThreads(),
    // Before the first big request and after the last: what its session workers (started by the first) hold.
    server_rss_before_mb: rssBefore,
    server_rss_after_mb: residentMb(server.server.pid ?? -1),
    ms: runs.map((s) => round(s.ms, 1)),
  });
}

/**
 * The mixed traffic: 80 % forecasts (one series each), 10 % `GET /models`, 10 % `GET /models/NHITS/versions/production`,
 * as one cycle of calls (10 kinds × 64 bodies repeat every 320 calls).
 */
function mixedCalls(bodies: readonly string[]): PlannedCall[] {
  return Array.from({ length: 320 }, (_, i): PlannedCall => {
    const kind = i % 10;
    if (kind === 8) return { method: 'GET', path: '/models' };
    if (kind === 9) return { method: 'GET', path: '/models/NHITS/versions/production' };
    return { method: 'POST', path: '/forecast', body: bodies[i % bodies.length]! };
  });
}

const clientProcess = () => process.argv.includes('--client-process');

const serverPid = (server: BenchServer) => server.server.pid ?? -1;

/** `--pin on|off` (on): the open-loop runs hold the server and the generator to cores of their own (see {@link pinnedRun}). */
function pin(): boolean {
  const value = arg('pin', 'on');
  if (value !== 'on' && value !== 'off') throw new Error(`--pin must be on or off, got '${value}'`);
  return value === 'on';
}

/**
 * `--generator raw|node` (raw): how the in-process open-loop runs (latency, mixed) send. `raw`: {@link RawHttpClient},
 * requests as bytes encoded once on keep-alive sockets, answers read for status and length, as `wrk` does; `node`:
 * Node's `http` client with a keep-alive `Agent` (the generator before 2026-12-02, ~1 ms of CPU per call here).
 */
function generator(): 'raw' | 'node' {
  const value = arg('generator', 'raw');
  if (value !== 'raw' && value !== 'node') throw new Error(`--generator must be raw or node, got '${value}'`);
  return value;
}

/**
 * An open-loop run of `calls` (call i is `calls[i % calls.length]`) at `rps` for `seconds`, from this process, or
 * with `--client-process` from a process of its own (open-loop-process.ts: nothing else loaded); either way with
 * bodies encoded once and answers drained. Either way with the generator's event-loop delay, GC pauses
 * and lateness against its plan. On the busy 2-core machine the separate process was the worse generator (client
 * p99 142–144 ms against 17–23 ms, 20 s at 200 rps, load 3–6): it starts cold (its JIT compiles during the run)
 * with a small young generation (31 scavenges in 20 s against 8), and its sends ran later (p99 9–10 ms against 5).
 */
async function loadRun(
  server: BenchServer,
  client: HttpClient,
  rps: number,
  seconds: number,
  calls: readonly PlannedCall[],
): Promise<{ samples: Sample[]; clientTail: Record<string, unknown> }> {
  if (!clientProcess()) {
    // Bodies encoded once and answers drained, as the own-process generator does: kept answers (12,000 strings a
    // minute) made this generator's GC and event loop part of the measured tail (client p99 10.6–12.3 against
    // 9.4–10.4 ms drained, server forecast p50 0.87–1.06 against 0.78–0.79 ms, alternating 40 s runs).
    const encoded = calls.map((call) => ({ ...call, body: call.body === undefined ? undefined : Buffer.from(call.body) }));
    const raw = generator() === 'raw' ? new RawHttpClient(server.port, server.token) : undefined;
    const stop = watchClient();
    try {
      const { result: samples, pinning } = await pinnedRun(serverPid(server), process.pid, pin(), () =>
        openLoop(rps, seconds, (i) => {
          const { method, path, body } = encoded[i % encoded.length]!;
          return raw ? raw.send(method, path, body) : client.send(method, path, body);
        }),
      );
      return { samples, clientTail: { client: 'in-process', generator: generator(), pinning, ...stop(), ...lateness(samples) } };
    } finally {
      raw?.close();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'tsf-bench-load-'));
  try {
    const plan: LoadPlan = { port: server.port, token: server.token, rps, seconds, calls };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const entry = join(__dirname, 'open-loop-process.ts');
    let child: ChildProcess | undefined;
    const output = new Promise<string>((done, fail) => {
      child = execFile(process.execPath, ['--import', 'tsx', entry, join(dir, 'plan.json')], { maxBuffer: 256 * 2 ** 20 }, (error, out) =>
        error ? fail(error) : done(out),
      );
    });
    const { result: stdout, pinning } = await pinnedRun(serverPid(server), child?.pid ?? -1, pin(), () => output);
    const result = JSON.parse(stdout) as LoadResult;
    const samples = result.ms.map((ms, i): Sample => ({ ms, status: result.status[i]!, lateMs: result.lateMs[i]! }));
    return { samples, clientTail: { client: 'own-process', pinning, ...result.client, ...lateness(samples) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How late the generator sent against its plan (p99, max): large values mean bursts the server did not cause. */
function lateness(samples: readonly Sample[]): Record<string, number> {
  const late = samples.map((s) => s.lateMs ?? 0);
  return { client_send_late_p99_ms: round(quantile(late, 0.99)), client_send_late_max_ms: round(Math.max(...late)) };
}

/**
 * `--mixed-rps` (500) for `--seconds` after a warm-up of the same traffic (10 % of the run, 2–10 s): errors,
 * p50/p99, and the server's RSS at the end of the warm-up, every 5 s during the run and at its end (steady
 * RSS: no growth after warm-up).
 */
async function mixed(server: BenchServer, client: HttpClient, seconds: number): Promise<void> {
  const rps = numberArg('mixed-rps', 500);
  const bodies = Array.from({ length: 64 }, (_, i) => forecastBody('NHITS@production', 1, i));
  const calls = mixedCalls(bodies);
  const warmSeconds = Math.min(10, Math.max(2, seconds / 10));
  await loadRun(server, client, rps, warmSeconds, calls);
  const pid = server.server.pid ?? -1;
  const rssWarm = residentMb(pid);
  const rssSamples: number[] = [];
  const sampler = setInterval(() => rssSamples.push(residentMb(pid)), 5000);
  const before = await metricsText(server);
  const { samples, clientTail } = await loadRun(server, client, rps, seconds, calls);
  clearInterval(sampler);
  const after = await metricsText(server);
  const rssEnd = residentMb(pid);
  const byStatus: Record<string, number> = {};
  for (const s of samples) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  emit({
    scenario: 'mixed',
    rps,
    seconds,
    warm_up_seconds: warmSeconds,
    forecast_share: 0.8,
    prediction_logging: predictionLogging(),
    ...summary(samples),
    statuses: byStatus,
    rss_warm_mb: rssWarm,
    rss_end_mb: rssEnd,
    rss_max_mb: Math.max(rssWarm, rssEnd, ...rssSamples),
    rss_every_5s_mb: rssSamples,
    ...clientTail,
    ...(predictionLogging() ? { prediction_log_rows: counterDelta(before, after, 'tsforecast_prediction_log_rows_total') } : {}),
    ...(predictionLogging()
      ? { prediction_log_dropped_rows: counterDelta(before, after, 'tsforecast_prediction_log_dropped_rows_total') }
      : {}),
  });
}

/** `--server-flags '--a --b=1'`: more Node flags for the server, after the serve target's (e.g. GC flags to compare). */
function serverFlags(): string[] {
  return arg('server-flags', '')
    .split(/\s+/)
    .filter((flag) => flag.startsWith('--'));
}

const predictionLogging = () => process.argv.includes('--prediction-logging');

function counterDelta(before: string, after: string, name: string): number {
  return gaugeValue(after, name) - gaugeValue(before, name);
}

async function main(): Promise<void> {
  const scenarios = arg('scenarios', allScenarios.join(',')).split(',') as Scenario[];
  const unknown = scenarios.filter((s) => !allScenarios.includes(s));
  if (unknown.length > 0) throw new Error(`--scenarios must be a list of ${allScenarios.join(', ')}, got ${unknown.join(', ')}`);
  const seconds = numberArg('seconds', numberArg('duration', 60));
  generator(); // a bad --generator or --pin fails before the server starts
  pin();
  const profileDir = arg('cpu-prof', '');
  const server = await startBenchServer({
    adminUrl: process.env['TEST_DATABASE_URL'],
    steps: numberArg('steps', 20),
    ortThreads: ortThreads(),
    env: { FORECAST_BATCH_WINDOW_MS: arg('window-ms', '0'), PREDICTION_LOGGING: String(predictionLogging()) },
    nodeArgs: [...(profileDir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]), ...serverFlags()],
    serveFlags: !process.argv.includes('--no-serve-flags'),
    fromSource: process.argv.includes('--server-source'),
    ...(arg('server-root', '') === '' ? {} : { serverRoot: resolve(arg('server-root', '')) }),
    serverStdout: process.argv.includes('--server-stdout'),
  });
  const client = new HttpClient(server.port, server.token);
  try {
    emit({
      scenario: 'setup',
      model: server.model,
      h,
      input_size: inputSize,
      stage: 'production',
      server: server.entry,
      node_flags: [...server.nodeFlags, ...serverFlags()],
    });
    for (const scenario of scenarios) {
      if (scenario === 'latency') await latency(server, client, seconds);
      if (scenario === 'throughput') await throughput(server, client, 'NHITS@production', seconds);
      if (scenario === 'big') await big(server, client, 'NHITS@production');
      if (scenario === 'mixed') await mixed(server, client, seconds);
    }
  } finally {
    client.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:api failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
