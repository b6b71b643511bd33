import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadSettings, silentLogger } from '@tsforecast/config';
import { builtIsCurrent, libProjects } from '@tsforecast/config/testing';
import { buildContainer } from '@tsforecast/app';
import { createServerTestDatabase, type ServerTestDatabase } from '@tsforecast/app/testing';
import { ModelVersionRegistry, TokenIssuer } from '@tsforecast/service';
import { hourlyFrame, hourlySeries, saveFittedModel } from '@tsforecast/service/testing';
import type { SeriesFrame } from '@tsforecast/data';

const root = resolve(__dirname, '../../..');
const jwtSecret = 'bench-api-secret-of-at-least-32-characters';
export const h = 24;
export const inputSize = 48;

/** A fresh database with a production NHITS, and an API server on loopback serving it. */
export interface BenchServer {
  readonly port: number;
  readonly token: string;
  readonly model: string;
  readonly server: ChildProcess;
  /** The Node flags it was started with (those of `nx serve api`, unless turned off). */
  readonly nodeFlags: readonly string[];
  /** `built`: `apps/api/dist/server.js`, as `nx serve api` starts it; `tsx`: the sources (a build is stale or absent). */
  readonly entry: 'built' | 'tsx';
  stop(): Promise<void>;
}

export { hourlySeries };

function trainingFrame(): SeriesFrame {
  return hourlyFrame(Array.from({ length: 8 }, (_, i) => hourlySeries(`s${i}`, 24 * 14, 3 * i)));
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * Migrates a fresh database on the PostgreSQL server at `adminUrl`, fits an
 * NHITS (h 24, input 48, `steps` training steps) into it, promotes it to
 * production, mints a `forecast read` token and starts `apps/api` (tsx) with
 * that database, ORT on `ortThreads` threads.
 */
export async function startBenchServer(options: {
  adminUrl?: string;
  steps: number;
  ortThreads: number;
  env?: Record<string, string>;
  /** Node flags for the server process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (the profile is written when it stops). */
  nodeArgs?: readonly string[];
  /** Whether the server gets the Node flags of `nx serve api` (default true). */
  serveFlags?: boolean;
  /** Run the sources under tsx even when every build is current (default false). */
  fromSource?: boolean;
  /**
   * Another checkout whose built server to start (`<dir>/apps/api/dist/server.js`, its own `nx serve api` flags), to
   * measure two versions side by side with one bench; its database schema must be this one's, and its
   * `node_modules/@tsforecast/*` must link its own libs (a worktree whose `node_modules` is a link to this one's would
   * run this checkout's libs under the other's app).
   */
  serverRoot?: string;
  /** The server's standard output on the bench's (default: dropped), e.g. for `--server-flags --trace-gc-nvp`. */
  serverStdout?: boolean;
}): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tsf-bench-api-'));
  const database: ServerTestDatabase = await createServerTestDatabase(options.adminUrl);
  const env = { DATABASE_URL: database.url, MODEL_DIR: join(dir, 'models'), DATA_DIR: join(dir, 'data'), JWT_SECRET: jwtSecret };
  const runtime = await buildContainer(loadSettings({ env, cwd: dir }), { logger: silentLogger, tty: false, migrate: true });
  let model: string;
  let token: string;
  try {
    const hyperparameters = { maxSteps: options.steps, inputSize, seed: 1 };
    model = await saveFittedModel(runtime.container, {
      model: 'NHITS',
      h,
      frame: trainingFrame(),
      hyperparameters,
      experiment: 'bench-api',
    });
    await runtime.container.get(ModelVersionRegistry).promote(model, 'production', 'bench');
    token = (await runtime.container.get(TokenIssuer).issue({ subject: 'bench', scopes: ['forecast', 'read'], ttlSeconds: 3600 })).token;
  } finally {
    await runtime.close();
  }
  const port = await freePort();
  const serverRoot = options.serverRoot ?? root;
  const nodeFlags = options.serveFlags === false ? [] : serveNodeFlags(serverRoot);
  // As `nx serve api` runs it (the built server) when every build is current: under tsx the server also holds the
  // transpiled sources and their source maps (~50 MB of heap), which every GC goes through.
  const entry = options.serverRoot !== undefined || (options.fromSource !== true && serverBuildIsCurrent()) ? 'built' : 'tsx';
  const program =
    entry === 'built' ? [join(serverRoot, 'apps/api/dist/server.js')] : ['--import', 'tsx', join(root, 'apps/api/src/server.ts')];
  // From the repository root, where tsx finds the tsconfig paths of the libs; every path setting is absolute.
  const server = spawn(process.execPath, [...nodeFlags, ...(options.nodeArgs ?? []), ...program], {
    cwd: serverRoot,
    env: {
      ...process.env,
      ...env,
      API_PORT: String(port),
      API_RATE_LIMIT: '100000000',
      LOG_LEVEL: 'warn',
      ORT_THREADS: String(options.ortThreads),
      ...options.env,
    },
    stdio: ['ignore', options.serverStdout === true ? 'inherit' : 'ignore', 'inherit'],
  });
  await waitForHealth(port, server);
  return {
    port,
    token,
    model,
    server,
    nodeFlags,
    entry,
    stop: async () => {
      server.kill('SIGTERM');
      await new Promise((done) => server.once('exit', done));
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The Node flags `nx serve api` starts the server with (its `serve` command in apps/api/project.json, e.g.
 * `--max-semi-space-size=32`), so the bench measures the server as it is launched.
 */
function serveNodeFlags(serverRoot: string): string[] {
  const project = JSON.parse(readFileSync(join(serverRoot, 'apps/api/project.json'), 'utf8')) as {
    targets: { serve: { options: { command: string } } };
  };
  const words = project.targets.serve.options.command.split(/\s+/);
  return words.slice(1).filter((word) => word.startsWith('--'));
}

/** Whether `apps/api/dist` and every lib's `dist` are newer than their sources (`npm run build` since the last edit). */
function serverBuildIsCurrent(): boolean {
  const api = { dir: join(root, 'apps/api'), skip: /\.spec\.ts$|(^|\/)testing\// };
  return builtIsCurrent([...libProjects(/(^|\/)(fixtures|golden)\//), api]);
}

async function waitForHealth(port: number, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`the API exited with code ${server.exitCode} before answering /health`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('the API did not answer /health within 60 s');
}
