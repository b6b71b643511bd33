import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { METRIC_NAMES, type MetricName } from '@tsforecast/data';
import { writeCsv } from './csv-writer';

/** One row of the leaderboard: a model's hold-out scores at one horizon (a metric not computed is written empty). */
export interface LeaderboardRow {
  horizon: number;
  model: string;
  runId: string;
  rank: number;
  metrics: Partial<Record<MetricName, number>>;
  fitSeconds: number;
}

/** One forecast point of one run. */
export interface PredictionRow {
  model: string;
  horizon: number;
  uniqueId: string;
  ds: string;
  y: number | null;
  yHat: number;
}

export interface RunReport {
  leaderboard: LeaderboardRow[];
  predictions: PredictionRow[];
  summary: Record<string, unknown>;
}

/** The leaderboard CSV's header: a column per metric of the metric table, in its order. */
export const leaderboardColumns = ['model', 'horizon', 'rank', ...METRIC_NAMES, 'fit_seconds', 'run_id'];

/**
 * Writes `leaderboard.csv` (the runs of this one invocation, best first within
 * each horizon; the experiment's leaderboard over every run is a database
 * query), `predictions.csv`
 * and `summary.json` into `outputDir`, creating it if needed. Returns the paths.
 */
export async function writeRunReport(
  outputDir: string,
  report: RunReport,
): Promise<{ leaderboard: string; predictions: string; summary: string }> {
  await mkdir(outputDir, { recursive: true });
  const paths = {
    leaderboard: join(outputDir, 'leaderboard.csv'),
    predictions: join(outputDir, 'predictions.csv'),
    summary: join(outputDir, 'summary.json'),
  };
  const ordered = [...report.leaderboard].sort((a, b) => a.horizon - b.horizon || a.rank - b.rank);
  await writeCsv(
    paths.leaderboard,
    leaderboardColumns,
    ordered.map((r) => [r.model, r.horizon, r.rank, ...METRIC_NAMES.map((name) => r.metrics[name] ?? null), r.fitSeconds, r.runId]),
  );
  await writeCsv(
    paths.predictions,
    ['model', 'horizon', 'unique_id', 'ds', 'y', 'y_hat'],
    report.predictions.map((p) => [p.model, p.horizon, p.uniqueId, p.ds, p.y, p.yHat]),
  );
  await writeFile(paths.summary, JSON.stringify(report.summary, null, 2) + '\n');
  return paths;
}
