import type { Score } from './score';

/** One dataset × method result: printed as a JSON line, kept for the table. */
export interface ResultLine {
  bench: 'stats';
  dataset: string;
  method: string;
  impl: 'tsforecast' | 'R';
  series: number;
  smape: number;
  mase: number;
  /** Wall time of the fit + forecast of all series on --procs processes (R: Rscript start-up and library load included). */
  wall_s: number;
  /** Slowest process's fit + forecast time (R: after its library load). */
  compute_s: number;
  procs: number;
  /** 1-minute load average when the run started: timings taken on a busy machine are slower. */
  load1?: number;
  mase_excluded?: number;
  r_failures?: number;
  r_cached?: boolean;
  /** Ours against the paired R method on the same dataset. */
  vs_r?: { method: string; smape_ratio: number; mase_ratio: number; speed_ratio: number; max_abs_diff: number };
  /** The ensemble against the best single R method of ets, auto.arima, thetaf on this dataset, per metric. */
  vs_best_r?: { smape_method: string; smape_ratio: number; mase_method: string; mase_ratio: number };
}

/** Our model ↔ R method pairs compared in the table (ours first). */
export const PAIRS: ReadonlyArray<[string, string]> = [
  ['AutoETS', 'ets'],
  ['AutoARIMA', 'auto.arima'],
  ['AutoTheta', 'thetaf'],
  ['SeasonalNaive', 'snaive'],
  ['CrostonClassic', 'croston'],
  ['Comb', 'comb'],
];

/** Our ensemble, compared with the best single R method per dataset. */
export const ENSEMBLE = 'Ensemble';

/** Members of the equal-weight combinations: ours and R's. */
export const COMB_MEMBERS = { ours: ['AutoETS', 'AutoARIMA', 'AutoTheta'], r: ['ets', 'auto.arima', 'thetaf'] };

const round = (x: number, digits: number): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** The JSON line of one result. */
export function resultLine(fields: Omit<ResultLine, 'bench' | 'smape' | 'mase'>, score: Score): ResultLine {
  const line: ResultLine = {
    bench: 'stats',
    ...fields,
    smape: round(score.smape, 4),
    mase: round(score.mase, 4),
    wall_s: round(fields.wall_s, 3),
    compute_s: round(fields.compute_s, 3),
  };
  if (score.maseExcluded > 0) line.mase_excluded = score.maseExcluded;
  return line;
}

const cell = (x: number | string, width: number): string =>
  (typeof x === 'number' ? (Number.isFinite(x) ? x.toFixed(3) : String(x)) : x).padStart(width);

/** The table of every result and the ours-vs-R ratios (accuracy: ours / R, lower is better; speed: R time / ours). */
export function formatTable(lines: readonly ResultLine[]): string {
  const out: string[] = [];
  const datasets = [...new Set(lines.map((l) => l.dataset))];
  for (const dataset of datasets) {
    const rows = lines.filter((l) => l.dataset === dataset);
    out.push(`\n${dataset} (${rows[0]!.series} series)`);
    out.push(
      `${'method'.padEnd(16)}${'impl'.padStart(11)}${'sMAPE'.padStart(10)}${'MASE'.padStart(9)}${'wall_s'.padStart(10)}${'compute_s'.padStart(11)}`,
    );
    for (const r of rows)
      out.push(
        `${r.method.padEnd(16)}${cell(r.impl, 11)}${cell(r.smape, 10)}${cell(r.mase, 9)}${cell(r.wall_s, 10)}${cell(r.compute_s, 11)}`,
      );
    for (const r of rows) {
      if (!r.vs_r) continue;
      const v = r.vs_r;
      out.push(
        `  ${`${r.method} vs ${v.method}`.padEnd(28)} sMAPE ${v.smape_ratio.toFixed(3)}  MASE ${v.mase_ratio.toFixed(3)}  speed ${v.speed_ratio.toFixed(1)}x  max|diff| ${v.max_abs_diff.toPrecision(3)}`,
      );
    }
    for (const r of rows) {
      const b = r.vs_best_r;
      if (b)
        out.push(
          `  ${`${r.method} vs best R single`.padEnd(28)} sMAPE ${b.smape_ratio.toFixed(3)} (${b.smape_method})  MASE ${b.mase_ratio.toFixed(3)} (${b.mase_method})`,
        );
    }
  }
  const totals: string[] = [];
  for (const [ours, r] of PAIRS) {
    const a = lines.filter((l) => l.method === ours && l.impl === 'tsforecast' && l.vs_r);
    if (a.length === 0) continue;
    const sets = new Set(a.map((l) => l.dataset));
    const b = lines.filter((l) => l.method === r && l.impl === 'R' && sets.has(l.dataset));
    const sum = (rows: ResultLine[], key: 'compute_s' | 'wall_s') => rows.reduce((s, l) => s + l[key], 0);
    totals.push(
      `  ${`${ours} vs ${r}`.padEnd(28)} ours ${sum(a, 'compute_s').toFixed(1)} s, R ${sum(b, 'compute_s').toFixed(1)} s (wall ${sum(b, 'wall_s').toFixed(1)} s): ${(sum(b, 'compute_s') / sum(a, 'compute_s')).toFixed(1)}x on ${sets.size} dataset(s)`,
    );
  }
  if (totals.length > 0) out.push('', 'Totals over the datasets above (compute_s; speed = R / ours):', ...totals);
  return out.join('\n') + '\n';
}
