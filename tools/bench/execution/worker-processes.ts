import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/**
 * The worker processes of a kill scenario: starts them, kills one with
 * SIGKILL and starts its replacement a second later, and notices a worker
 * that exits on its own (`onExit` decides whether that is a failure or a
 * worker to replace).
 */
export class WorkerProcesses {
  private readonly workers = new Set<ChildProcess>();
  private readonly killed = new Set<ChildProcess>();
  private stopping = false;
  /** Workers that exited without being killed or stopped, with how they exited. */
  readonly unexpectedExits: string[] = [];

  constructor(
    private readonly spawnOne: () => ChildProcess,
    /** Called when a worker exits on its own; return true to start a replacement. */
    private readonly onExit: (how: string) => boolean,
  ) {}

  start(): void {
    const worker = this.spawnOne();
    this.workers.add(worker);
    worker.once('exit', (code, signal) => {
      this.workers.delete(worker);
      if (this.stopping || this.killed.has(worker)) return;
      const how = `worker pid ${worker.pid} exited with ${signal === null ? `code ${code}` : `signal ${signal}`}`;
      this.unexpectedExits.push(how);
      if (this.onExit(how)) setTimeout(() => this.stopping || this.start(), 1000);
    });
  }

  /** Whether {@link stopAll} was called. */
  get stopped(): boolean {
    return this.stopping;
  }

  pids(): number[] {
    return [...this.workers].flatMap((worker) => (worker.pid === undefined ? [] : [worker.pid]));
  }

  /** SIGKILL of the worker with this pid, and a replacement a second later. */
  killAndReplace(pid: number): void {
    const victim = [...this.workers].find((worker) => worker.pid === pid);
    if (victim === undefined) return;
    this.killed.add(victim);
    victim.kill('SIGKILL');
    setTimeout(() => this.stopping || this.start(), 1000);
  }

  /** SIGTERM to every worker (a worker lets its running job finish), then SIGKILL after `graceMs`. */
  async stopAll(graceMs = 60_000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.workers].map(
        (worker) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => worker.kill('SIGKILL'), graceMs);
            worker.once('exit', () => {
              clearTimeout(force);
              done();
            });
            worker.kill('SIGTERM');
          }),
      ),
    );
  }
}

/**
 * A `cli worker` (or the bench worker of fixture jobs) as its own process: node with tsx's loader, not
 * tsx's wrapper, so that SIGKILL hits the worker itself. `env` replaces the environment when given.
 */
export function spawnCliWorker(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  // tsx's full loader (ESM too): the CLI loads its commands with dynamic import().
  return spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
}
