/**
 * Statistical models vs R's forecast package (`npm run bench:stats`).
 *
 * Protocol: for each dataset of `<data>/manifest.json` (default
 * `$TSF_SHARED_DATA` or `../shared/data`; absent datasets are skipped), read
 * `train.csv`, hold out the last h points of each series, fit on the rest and
 * forecast h. sMAPE (0–200) and MASE (in-sample seasonal-naive scale with the
 * dataset's m) as in M4, averaged over series. Both sides run in `--procs`
 * processes, each on a contiguous share of the series: ours in warm child
 * processes through the model registry (`threads: 1`), R as one
 * `Rscript r-forecast.R` per share. R's forecasts and times are cached in
 * `.cache/` (key: data, limit, h, m, method, procs, R version, script), so
 * re-runs compute only ours. "Comb" / "comb" are the equal-weight means of
 * AutoETS, AutoARIMA, AutoTheta and of R's ets, auto.arima, thetaf.
 *
 *   npm run bench:stats -- --datasets m3_yearly --models AutoETS --r ets --limit 100
 *
 * stdout: one JSON line per dataset × method; stderr: notes and the table.
 */
import 'reflect-metadata';
import path from 'node:path';
import { ModelRegistry, modelModule } from '@tsforecast/model';
import { Container } from 'inversify';
import { loadDataset, readManifest, type BenchDataset } from './datasets';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { OurProcessPool } from './ours';
import { rVersion, runR } from './r-side';
import { COMB_MEMBERS, ENSEMBLE, formatTable, PAIRS, resultLine, type ResultLine } from './report';
import type { Score } from './score';
import { combine, maxAbsDifference, scoreForecasts } from './score';

interface MethodRun {
  method: string;
  impl: 'tsforecast' | 'R';
  mean: Float64Array[];
  wallSeconds: number;
  computeSeconds: number;
  failures?: number;
  cached?: boolean;
  load1?: number;
}

const note = (text: string): boolean => process.stderr.write(`bench:stats: ${text}\n`);

function registeredModels(names: string[]): string[] {
  const container = new Container();
  container.loadSync(modelModule);
  const known = new Map(
    container
      .get(ModelRegistry)
      .names()
      .map((n) => [n.toLowerCase(), n]),
  );
  return names.flatMap((name) => {
    const found = known.get(name.toLowerCase());
    if (found === undefined) note(`model '${name}' is not registered; skipped`);
    return found === undefined ? [] : [found];
  });
}

/** The equal-weight comb of `members` when all of them ran. */
function comb(runs: MethodRun[], members: string[], method: string, impl: MethodRun['impl']): MethodRun | undefined {
  const found = members.map((m) => runs.find((r) => r.method === m && r.impl === impl));
  if (found.some((r) => r === undefined)) return undefined;
  const parts = found as MethodRun[];
  const total = (key: 'wallSeconds' | 'computeSeconds') => parts.reduce((s, r) => s + r[key], 0);
  return {
    method,
    impl,
    mean: combine(parts.map((r) => r.mean)),
    wallSeconds: total('wallSeconds'),
    computeSeconds: total('computeSeconds'),
  };
}

async function benchDataset(
  dataset: BenchDataset,
  options: BenchOptions,
  models: string[],
  pool: OurProcessPool | undefined,
  version: string | undefined,
): Promise<ResultLine[]> {
  const runs: MethodRun[] = [];
  for (const model of models) {
    try {
      const run = await pool!.run(dataset, model);
      scoreForecasts(dataset, run.mean, model);
      runs.push({ method: model, impl: 'tsforecast', ...run });
    } catch (error) {
      // A model under construction must not stop the others; the exit code still says it failed.
      note(`${model} failed on ${dataset.name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
  for (const method of options.r) {
    if (version === undefined) break;
    const run = await runR(dataset, method, { procs: options.procs, limit: options.limit, useCache: options.rCache, version });
    if (!run.cached) note(`R ${method} on ${dataset.name}: ${run.wallSeconds.toFixed(1)} s wall`);
    runs.push({ method, impl: 'R', ...run });
  }
  const combs = [comb(runs, COMB_MEMBERS.ours, 'Comb', 'tsforecast'), comb(runs, COMB_MEMBERS.r, 'comb', 'R')];
  for (const c of combs) if (c) runs.push(c);

  const scores = new Map(runs.map((r) => [r, scoreForecasts(dataset, r.mean, r.method)]));
  return runs.map((run) => {
    const line = resultLine(
      {
        dataset: dataset.name,
        method: run.method,
        impl: run.impl,
        series: dataset.train.series.length,
        wall_s: run.wallSeconds,
        compute_s: run.computeSeconds,
        procs: options.procs,
        ...(run.load1 !== undefined ? { load1: +run.load1.toFixed(1) } : {}),
        ...(run.failures !== undefined ? { r_failures: run.failures, r_cached: run.cached } : {}),
      },
      scores.get(run)!,
    );
    const pair = PAIRS.find(([ours]) => ours === run.method && run.impl === 'tsforecast');
    const r = pair && runs.find((x) => x.method === pair[1] && x.impl === 'R');
    if (r) {
      const [a, b] = [scores.get(run)!, scores.get(r)!];
      line.vs_r = {
        method: r.method,
        smape_ratio: +(a.smape / b.smape).toFixed(4),
        mase_ratio: +(a.mase / b.mase).toFixed(4),
        speed_ratio: +(r.computeSeconds / run.computeSeconds).toFixed(2),
        max_abs_diff: +maxAbsDifference(run.mean, r.mean).toPrecision(4),
      };
    }
    if (run.method === ENSEMBLE && run.impl === 'tsforecast') {
      const best = bestSingleR(runs, scores);
      if (best)
        line.vs_best_r = {
          smape_method: best.smape.method,
          smape_ratio: +(scores.get(run)!.smape / best.smape.value).toFixed(4),
          mase_method: best.mase.method,
          mase_ratio: +(scores.get(run)!.mase / best.mase.value).toFixed(4),
        };
    }
    return line;
  });
}

/** The best of R's ets, auto.arima, thetaf on each metric, when all three ran. */
function bestSingleR(
  runs: MethodRun[],
  scores: Map<MethodRun, Score>,
): { smape: { method: string; value: number }; mase: { method: string; value: number } } | undefined {
  const singles = COMB_MEMBERS.r.map((m) => runs.find((r) => r.method === m && r.impl === 'R'));
  if (singles.some((r) => r === undefined)) return undefined;
  const best = (key: 'smape' | 'mase') =>
    (singles as MethodRun[]).map((r) => ({ method: r.method, value: scores.get(r)![key] })).reduce((a, b) => (b.value < a.value ? b : a));
  return { smape: best('smape'), mase: best('mase') };
}

async function main(): Promise<void> {
  const defaultData = process.env['TSF_SHARED_DATA'] ?? path.resolve(__dirname, '../../../../shared/data');
  const options = parseOptions(process.argv.slice(2), defaultData);
  if (options === undefined) {
    process.stdout.write(USAGE);
    return;
  }
  const models = registeredModels(options.models);
  const version = options.r.length > 0 ? rVersion() : undefined;
  if (options.r.length > 0 && version === undefined)
    note(`Rscript with the forecast package is not available; R methods (${options.r.join(', ')}) skipped`);
  const manifest = readManifest(options.dataDir);
  const pool = models.length > 0 ? await OurProcessPool.start(options.procs) : undefined;
  const lines: ResultLine[] = [];
  try {
    for (const name of options.datasets) {
      const dataset = await loadDataset(options.dataDir, manifest, name, options.limit);
      if (dataset === undefined) {
        note(`dataset '${name}' is absent from ${options.dataDir}; skipped`);
        continue;
      }
      for (const line of await benchDataset(dataset, options, models, pool, version)) {
        process.stdout.write(JSON.stringify(line) + '\n');
        lines.push(line);
      }
    }
  } finally {
    pool?.close();
  }
  if (lines.length > 0) process.stderr.write(formatTable(lines));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:stats: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
