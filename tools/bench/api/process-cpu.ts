import { readFileSync } from 'node:fs';

/** Linux clock ticks per second of `/proc/<pid>/stat` times (`getconf CLK_TCK`, 100 on every mainstream kernel). */
const ticksPerSecond = 100;

/** CPU seconds (user + system) a process and its main thread have used so far. */
export interface ProcessCpu {
  /** Every thread: the main one, ORT's intra-op pool, the GC helpers, libuv's pool. */
  readonly processS: number;
  /** The event-loop thread alone: on an idle machine its time per request is about the request's wall time. */
  readonly mainThreadS: number;
}

function cpuSeconds(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  // Fields after the command name (which may hold spaces) start at ')': utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/**
 * Reads `/proc` for `pid` (Linux only; undefined elsewhere). On a busy
 * machine the wall time of a request mostly measures waiting for a core; the
 * CPU time its server spent does not, so it is the busy machine's figure to
 * compare across changes (10 ms resolution: divide a total over many requests).
 */
export function processCpu(pid: number): ProcessCpu | undefined {
  try {
    return { processS: cpuSeconds(`/proc/${pid}/stat`), mainThreadS: cpuSeconds(`/proc/${pid}/task/${pid}/stat`) };
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
