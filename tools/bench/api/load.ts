import { Agent, request } from 'node:http';

/** One HTTP call's outcome as the client saw it. */
export interface Sample {
  readonly ms: number;
  readonly status: number;
  /** Open loop only: how long after its planned time the call was sent (the load generator's own lag). */
  readonly lateMs?: number;
}

/** A keep-alive client for one server, like a production client would hold. */
export class HttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    private readonly token: string,
    maxSockets = 256,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** Sends one request and resolves with its status, client-side latency and body (errors count as status 0). */
  call(method: 'GET' | 'POST', path: string, body?: string | Buffer): Promise<Sample & { body: string }> {
    return this.request(method, path, body, true);
  }

  /** {@link call} without keeping the answer's body: a load run holds no bodies for its GC to go through. */
  send(method: 'GET' | 'POST', path: string, body?: string | Buffer): Promise<Sample> {
    return this.request(method, path, body, false);
  }

  close(): void {
    this.agent.destroy();
  }

  private request(
    method: 'GET' | 'POST',
    path: string,
    body: string | Buffer | undefined,
    keep: boolean,
  ): Promise<Sample & { body: string }> {
    const began = process.hrtime.bigint();
    return new Promise((resolve) => {
      const headers: Record<string, string | number> = { authorization: `Bearer ${this.token}` };
      if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      const req = request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        if (keep) res.on('data', (c: Buffer) => chunks.push(c));
        else res.resume();
        res.on('end', () =>
          resolve({ ms: elapsedMs(began), status: res.statusCode ?? 0, body: keep ? Buffer.concat(chunks).toString('utf8') : '' }),
        );
      });
      req.on('error', () => resolve({ ms: elapsedMs(began), status: 0, body: '' }));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}

function elapsedMs(began: bigint): number {
  return Number(process.hrtime.bigint() - began) / 1e6;
}

/** The q-quantile (0..1) of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * Open loop: starts `rps` calls per second for `seconds` whatever the answers
 * take (a slow server meets more load, as it would in production), then waits
 * for the last answers. Each sample also says how late its call left against
 * the plan (`lateMs`): a late load generator sends in bursts.
 */
export async function openLoop(rps: number, seconds: number, call: (i: number) => Promise<Sample>): Promise<Sample[]> {
  const total = Math.round(rps * seconds);
  const began = performance.now();
  const pending: Promise<Sample>[] = [];
  while (pending.length < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - began) / 1000) * rps) + 1);
    while (pending.length < due) {
      const lateMs = now - (began + (pending.length * 1000) / rps);
      pending.push(call(pending.length).then((sample) => ({ ...sample, lateMs })));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return Promise.all(pending);
}

/** Closed loop: `clients` callers, each sending its next call when the previous answers, for `seconds`. */
export async function closedLoop(
  clients: number,
  seconds: number,
  call: () => Promise<Sample>,
): Promise<{ samples: Sample[]; seconds: number }> {
  const began = performance.now();
  const end = began + seconds * 1000;
  const samples: Sample[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) samples.push(await call());
    }),
  );
  return { samples, seconds: (performance.now() - began) / 1000 };
}

/**
 * Cumulative bucket counts of a Prometheus histogram from `/metrics` text: of its series whose labels contain
 * `labels` (e.g. `route="/forecast"`), summed; all of them by default (one, for a histogram without labels).
 */
export function histogramBuckets(text: string, name: string, labels = ''): Map<number, number> {
  const buckets = new Map<number, number>();
  const pattern = new RegExp(`^${name}_bucket\\{([^}]*)\\} (\\d+)$`, 'gm');
  for (const match of text.matchAll(pattern)) {
    const le = /(?:^|,)le="([^"]+)"/.exec(match[1]!)?.[1];
    if (le === undefined || !match[1]!.includes(labels)) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(match[2]));
  }
  return buckets;
}

/** The q-quantile of the observations between two scrapes of a histogram, interpolated linearly inside its bucket. */
export function histogramQuantile(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0));
  const total = counts[counts.length - 1] ?? 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    if (counts[i]! >= rank) {
      const lower = i === 0 ? 0 : bounds[i - 1]!;
      const below = i === 0 ? 0 : counts[i - 1]!;
      const upper = bounds[i]!;
      if (!Number.isFinite(upper)) return lower;
      return lower + ((upper - lower) * (rank - below)) / Math.max(1, counts[i]! - below);
    }
  }
  return bounds[bounds.length - 1]!;
}

/** A gauge's value (no labels) from `/metrics` text. */
export function gaugeValue(text: string, name: string): number {
  const match = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text);
  return match === null ? Number.NaN : Number(match[1]);
}

/** The mean of a histogram's observations between two scrapes, from its `_sum` and `_count` lines whose labels contain `labels`. */
export function histogramMean(before: string, after: string, name: string, labels = ''): number {
  const read = (text: string, suffix: string) => {
    let total = 0;
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}_${suffix}`) || !line.includes(labels)) continue;
      const head = line.slice(0, line.lastIndexOf(' '));
      if (head === `${name}_${suffix}` || head.startsWith(`${name}_${suffix}{`)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return total;
  };
  const count = read(after, 'count') - read(before, 'count');
  return count > 0 ? (read(after, 'sum') - read(before, 'sum')) / count : Number.NaN;
}
