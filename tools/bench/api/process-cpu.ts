import { readdirSync, readFileSync } from 'node:fs';

/** Linux clock ticks per second of `/proc/<pid>/stat` times (`getconf CLK_TCK`, 100 on every mainstream kernel). */
const ticksPerSecond = 100;

/** CPU seconds (user + system) a process and its main thread have used so far. */
export interface ProcessCpu {
  /** Every thread: the main one, ORT's intra-op pool, the GC helpers, libuv's pool. */
  readonly processS: number;
  /** The event-loop thread alone: on an idle machine its time per request is about the request's wall time. */
  readonly mainThreadS: number;
  /** By thread name (`V8 DefaultWorke`: GC helpers; `WorkerThread`: worker_threads, e.g. ONNX session workers), summed. */
  readonly byThreadS: Readonly<Record<string, number>>;
  /** Minor page faults of the whole process so far: fresh pages the kernel filled (~12 µs each on this machine). */
  readonly minorFaults: number;
  /**
   * Seconds the event-loop thread was ready to run but waited for a core (`/proc/<pid>/task/<pid>/schedstat`, the
   * scheduler's own clock): the time other threads and processes held both cores. NaN where the kernel has no schedstat.
   */
  readonly mainThreadWaitS: number;
}

function cpuSeconds(statPath: string): number {
  return cpuAndName(statPath).seconds;
}

function cpuAndName(statPath: string): { seconds: number; name: string } {
  const stat = readFileSync(statPath, 'utf8');
  const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  // Fields after the command name (which may hold spaces) start at ')': utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond, name };
}

function minorFaults(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  // minflt is the 10th field, the 8th after the command name.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
}

/** Run-queue wait of a process's main thread in seconds (the second field of schedstat, in ns); NaN without it. */
export function runQueueWaitS(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return Number.NaN;
  }
}

function byThread(pid: number): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const { seconds, name } = cpuAndName(`/proc/${pid}/task/${task}/stat`);
      const key = task === String(pid) ? 'main' : name;
      totals[key] = (totals[key] ?? 0) + seconds;
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return totals;
}

/** CPU ms per request by thread name between two readings (threads that ended in between are not counted). */
export function threadCpuMsPerRequest(before: ProcessCpu, after: ProcessCpu, requests: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, s] of Object.entries(after.byThreadS)) {
    const ms = ((s - (before.byThreadS[name] ?? 0)) * 1000) / requests;
    if (ms >= 0.01) out[name] = Math.round(ms * 100) / 100;
  }
  return out;
}

/**
 * Reads `/proc` for `pid` (Linux only; undefined elsewhere). On a busy
 * machine the wall time of a request mostly measures waiting for a core; the
 * CPU time its server spent does not, so it is the busy machine's figure to
 * compare across changes (10 ms resolution: divide a total over many requests).
 */
export function processCpu(pid: number): ProcessCpu | undefined {
  try {
    return {
      processS: cpuSeconds(`/proc/${pid}/stat`),
      mainThreadS: cpuSeconds(`/proc/${pid}/task/${pid}/stat`),
      byThreadS: byThread(pid),
      minorFaults: minorFaults(`/proc/${pid}/stat`),
      mainThreadWaitS: runQueueWaitS(pid),
    };
  } catch {
    return undefined;
  }
}

/** Resident memory of `pid` in MiB from `/proc/<pid>/status` (NaN where there is no /proc). */
export function residentMb(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? Number.NaN : Math.round((Number(kb) / 1024) * 10) / 10;
  } catch {
    return Number.NaN;
  }
}
