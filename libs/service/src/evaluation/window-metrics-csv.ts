import { METRIC_NAMES } from '@tsforecast/data';
import { writeCsv } from '@tsforecast/artifact';
import type { EvaluationWindow } from './evaluation-request';

/** `model,horizon,window,first_cutoff,<every metric>`: one row per model × horizon × window; columns from the metric table. */
export async function writeWindowMetricsCsv(path: string, windows: readonly EvaluationWindow[]): Promise<void> {
  const header = ['model', 'horizon', 'window', 'first_cutoff', ...METRIC_NAMES];
  const rows = windows.map((w) => [
    w.model,
    w.horizon,
    w.window,
    new Date(w.firstCutoff).toISOString(),
    ...METRIC_NAMES.map((name) => w.metrics[name] ?? Number.NaN),
  ]);
  await writeCsv(path, header, rows);
}
