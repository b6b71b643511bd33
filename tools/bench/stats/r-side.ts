import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { contiguousShares, type BenchDataset } from './datasets';

/** R's forecasts of one dataset with one method, and how long they took. */
export interface RRun {
  mean: Float64Array[];
  /** Wall time of the `procs` Rscript processes, start-up and library load included. */
  wallSeconds: number;
  /** The slowest process's fit + forecast time, after its library load. */
  computeSeconds: number;
  /** Series where R's method raised an error (snaive used instead). */
  failures: number;
  /** True when read from `.cache/`. */
  cached: boolean;
  /** 1-minute load average of the machine when the run started (absent in older cache files). */
  load1?: number;
}

const SCRIPT = path.join(__dirname, 'r-forecast.R');
const CACHE_DIR = path.join(__dirname, '.cache');

/** `R.version.string` and forecast's version, or undefined when `Rscript` cannot run. */
export function rVersion(): string | undefined {
  const probe = spawnSync('Rscript', ['-e', 'cat(R.version.string, "forecast", as.character(packageVersion("forecast")))'], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/**
 * Cache key: dataset file contents, series limit, h, m, method, process count,
 * R and forecast versions and the R script itself, so a change of any of
 * them recomputes.
 */
function cacheFile(dataset: BenchDataset, method: string, limit: number | undefined, procs: number, version: string): string {
  const hash = createHash('sha256');
  for (const part of [
    readFileSync(dataset.file),
    String(limit ?? 'all'),
    String(dataset.h),
    String(dataset.m),
    method,
    String(procs),
    version,
    readFileSync(SCRIPT),
  ])
    hash.update(part).update('\0');
  return path.join(CACHE_DIR, `${dataset.name}-${method}-${limit ?? 'all'}-p${procs}-${hash.digest('hex').slice(0, 16)}.json`);
}

function runScript(args: string[]): Promise<{ computeSeconds: number; failures: number }> {
  return new Promise((resolve, reject) => {
    execFile('Rscript', [SCRIPT, ...args], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`Rscript r-forecast.R ${args.join(' ')} failed: ${stderr || error.message}`));
      const last = stdout.trim().split('\n').pop() ?? '';
      const parsed = JSON.parse(last) as { compute_s: number; failures: number };
      resolve({ computeSeconds: parsed.compute_s, failures: parsed.failures });
    });
  });
}

/** Runs `method` on every series of `dataset` in `procs` Rscript processes, a contiguous share each. */
async function computeR(dataset: BenchDataset, method: string, procs: number): Promise<Omit<RRun, 'cached'>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-stats-r-'));
  try {
    const shares = contiguousShares(dataset.train.series.length, procs);
    const jobs = shares.map(([start, end], k) => {
      const rows = ['unique_id,y'];
      for (const s of dataset.train.series.slice(start, end)) for (const v of s.y) rows.push(`${s.id},${v}`);
      const input = path.join(dir, `in-${k}.csv`);
      writeFileSync(input, rows.join('\n') + '\n');
      return { input, output: path.join(dir, `out-${k}.csv`) };
    });
    const load1 = loadavg()[0]!;
    const started = performance.now();
    const results = await Promise.all(jobs.map((j) => runScript([j.input, String(dataset.h), String(dataset.m), method, j.output])));
    const wallSeconds = (performance.now() - started) / 1000;
    const mean = jobs.flatMap((j) =>
      readFileSync(j.output, 'utf8')
        .trim()
        .split('\n')
        .map((line) => Float64Array.from(line.split(',').slice(1), Number)),
    );
    return {
      mean,
      wallSeconds,
      computeSeconds: Math.max(...results.map((r) => r.computeSeconds)),
      failures: results.reduce((a, r) => a + r.failures, 0),
      load1,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** R's run, from `.cache/` when it is there and `useCache`, else computed and cached. */
export async function runR(
  dataset: BenchDataset,
  method: string,
  options: { procs: number; limit?: number; useCache: boolean; version: string },
): Promise<RRun> {
  const file = cacheFile(dataset, method, options.limit, options.procs, options.version);
  if (options.useCache && existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Omit<RRun, 'cached' | 'mean'> & { mean: number[][] };
    return { ...stored, mean: stored.mean.map((f) => Float64Array.from(f)), cached: true };
  }
  const run = await computeR(dataset, method, options.procs);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      dataset: dataset.name,
      method,
      series: run.mean.length,
      version: options.version,
      ...run,
      mean: run.mean.map((f) => Array.from(f)),
    }),
  );
  return { ...run, cached: false };
}
