import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Which cores the server and the load generator were held to during a run, or why they were not. */
export type Pinning = { readonly server: string; readonly generator: string } | { readonly off: string };

/** Sets the CPU affinity of every thread of `pid` with util-linux's `taskset`; false where that cannot be done. */
function setAffinity(pid: number, cpus: string): boolean {
  const result = spawnSync('taskset', ['--all-tasks', '--pid', '--cpu-list', cpus, String(pid)], { stdio: 'ignore' });
  return result.status === 0;
}

/**
 * Holds the server to the first half of the cores and the load generator to the other half while `run` runs (on 2
 * cores: the server on core 0, the generator on core 1), then gives both every core back. On one machine the two
 * otherwise share the cores under the kernel's scheduler, which often wakes the server on the core where the
 * generator is running, so each waits for the other: at 200 rps, 0.26–0.32 ms of run-queue wait per request for
 * each, and a client p99 of 10.0–16.2 ms, against 0.08–0.13 ms and 6.4–10.0 ms pinned (same build, 2026-12-02).
 * A generator on a machine of its own, as in production, takes nothing from the server; pinning is the closest a
 * single machine gets. `--pin off` measures them sharing.
 */
export async function pinnedRun<T>(
  serverPid: number,
  generatorPid: number,
  enabled: boolean,
  run: () => Promise<T>,
): Promise<{ result: T; pinning: Pinning }> {
  const cores = availableParallelism();
  if (!enabled) return { result: await run(), pinning: { off: '--pin off' } };
  if (cores < 2) return { result: await run(), pinning: { off: 'one core' } };
  const half = Math.floor(cores / 2);
  const server = half === 1 ? '0' : `0-${half - 1}`;
  const generator = half === cores - 1 ? String(half) : `${half}-${cores - 1}`;
  const all = `0-${cores - 1}`;
  if (!setAffinity(serverPid, server) || !setAffinity(generatorPid, generator)) {
    setAffinity(serverPid, all);
    setAffinity(generatorPid, all);
    return { result: await run(), pinning: { off: 'taskset failed or is missing' } };
  }
  try {
    return { result: await run(), pinning: { server, generator } };
  } finally {
    setAffinity(serverPid, all);
    setAffinity(generatorPid, all);
  }
}
