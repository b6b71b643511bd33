import type { Frequency } from '../frame/frequency';
import type { Series, SeriesFrame } from '../frame/series-frame';
import { addPeriods } from '../frequency/calendar';
import { describeFrequency } from '../frequency/describe-frequency';
import { formatTimestamp } from '../frequency/format-timestamp';
import { tryInferFrequency } from '../frequency/infer-frequency';
import { seasonLength as defaultSeasonLength } from '../frequency/season-length';
import type { ProblemCollector } from '../validation/problem-collector';
import type { SeriesRows } from './series-rows';

/** Where the checked columns sit in the file, for locating problems. @internal */
export interface ColumnPositions {
  ds: number;
  exogenousNames: string[];
}

/** A timestamp in messages, to the second. */
const asText = (ts: number): string => formatTimestamp(ts, { unit: 'minute', step: 1 });

/**
 * Sorts one series' rows by time, keeping file order among equal timestamps.
 * Returns the line of the first row that came before its predecessor in time, or -1.
 */
function sortRows(rows: SeriesRows): number {
  let firstOutOfOrder = -1;
  for (let i = 1; i < rows.ds.length && firstOutOfOrder < 0; i++) if (rows.ds[i]! < rows.ds[i - 1]!) firstOutOfOrder = rows.line[i]!;
  if (firstOutOfOrder < 0) return -1;
  const order = rows.ds.map((_, i) => i).sort((a, b) => rows.ds[a]! - rows.ds[b]! || a - b);
  const permute = (values: number[]): number[] => order.map((i) => values[i]!);
  rows.ds = permute(rows.ds);
  rows.y = permute(rows.y);
  rows.line = permute(rows.line);
  rows.exogenous = rows.exogenous.map(permute);
  return firstOutOfOrder;
}

/** Index of the first row off the regular grid, or -1. */
function firstIrregular(ds: number[], freq: Frequency): number {
  for (let i = 1; i < ds.length; i++) {
    // Stepping from the previous point follows month ends; stepping from the
    // first point keeps a clamped anchor (Jan 30 → Feb 28 → Mar 30).
    if (ds[i] !== addPeriods(ds[i - 1]!, freq, 1) && ds[i] !== addPeriods(ds[0]!, freq, i)) return i;
  }
  return -1;
}

/**
 * Turns the series read from a file into a {@link SeriesFrame}: sorts rows
 * (warning once), reports duplicate timestamps, infers or applies the
 * frequency and reports series off its grid. Problems go to `problems`; the
 * returned frame is only meaningful when none were added.
 *
 * @internal
 */
export function assembleFrame(
  all: SeriesRows[],
  columns: ColumnPositions,
  problems: ProblemCollector,
  warnings: ProblemCollector,
  options: { frequency?: Frequency; seasonLength?: number },
): SeriesFrame & { frequencySource: 'inferred' | 'given' } {
  let firstUnsorted: { rows: SeriesRows; line: number } | undefined;
  let unsortedCount = 0;
  const clean: SeriesRows[] = [];
  for (const rows of all) {
    const unsortedLine = sortRows(rows);
    if (unsortedLine > 0) {
      unsortedCount++;
      if (firstUnsorted === undefined || unsortedLine < firstUnsorted.line) firstUnsorted = { rows, line: unsortedLine };
    }
    let duplicated = false;
    for (let i = 1; i < rows.ds.length; i++) {
      if (rows.ds[i] !== rows.ds[i - 1]) continue;
      duplicated = true;
      const [first, second] = [Math.min(rows.line[i - 1]!, rows.line[i]!), Math.max(rows.line[i - 1]!, rows.line[i]!)];
      const when = asText(rows.ds[i]!);
      problems.add(
        'duplicate',
        second,
        columns.ds + 1,
        `duplicate row for series '${rows.id}' at ${when}: same (unique_id, ds) as line ${first}`,
      );
    }
    if (!duplicated && !rows.hasRejectedRows) clean.push(rows);
  }
  if (firstUnsorted !== undefined) {
    const { rows, line } = firstUnsorted;
    warnings.add(
      'unsorted',
      line,
      columns.ds + 1,
      `rows are not sorted by ds in ${unsortedCount} series (first: '${rows.id}'); they were sorted`,
    );
  }

  let frequency = options.frequency;
  const frequencySource = frequency === undefined ? 'inferred' : 'given';
  if (frequency === undefined) {
    const inferred = tryInferFrequency(clean.map((rows) => ({ ds: Float64Array.from(rows.ds) })));
    if (typeof inferred === 'string') {
      // Only a problem when nothing else explains it (e.g. every row was rejected).
      if (problems.count === 0) problems.add('frequency', 1, columns.ds + 1, `cannot infer the frequency: ${inferred}; give it explicitly`);
      frequency = { unit: 'day', step: 1 };
    } else {
      frequency = inferred;
    }
  }
  for (const rows of clean) {
    const i = firstIrregular(rows.ds, frequency);
    if (i < 0) continue;
    const expected = addPeriods(rows.ds[i - 1]!, frequency, 1);
    problems.add(
      'irregular',
      rows.line[i]!,
      columns.ds + 1,
      `series '${rows.id}' is not regular at ${frequencySource} frequency ${describeFrequency(frequency)}: ` +
        `${asText(rows.ds[i]!)} follows ${asText(rows.ds[i - 1]!)}, expected ${asText(expected)}`,
    );
  }

  const series: Series[] = all.map((rows) => ({
    id: rows.id,
    ds: Float64Array.from(rows.ds),
    y: Float64Array.from(rows.y),
    exogenous: Object.fromEntries(columns.exogenousNames.map((name, k) => [name, Float64Array.from(rows.exogenous[k]!)])),
  }));
  return {
    series,
    frequency,
    seasonLength: options.seasonLength ?? defaultSeasonLength(frequency),
    exogenousColumns: [...columns.exogenousNames],
    frequencySource,
  };
}
