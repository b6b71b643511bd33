import type { ProblemCollector } from '../validation/problem-collector';
import { parseNumber } from './parse-number';
import { parseTimestamp, TIMESTAMP_FORMATS } from './parse-timestamp';
import { emptySeriesRows, type SeriesRows } from './series-rows';

/** The columns every input file must have. */
export const REQUIRED_COLUMNS = ['unique_id', 'ds', 'y'] as const;

/** Positions (0-based) of the columns in the header. @internal */
export interface ColumnIndex {
  id: number;
  ds: number;
  y: number;
  exogenous: number[];
}

/**
 * Validates data rows one by one and groups the good ones by series; every
 * bad cell becomes a located problem. Keeps no row text, only parsed numbers.
 *
 * @internal
 */
export class RowCollector {
  readonly series = new Map<string, SeriesRows>();
  rows = 0;

  constructor(
    readonly header: string[],
    readonly columns: ColumnIndex,
    private readonly problems: ProblemCollector,
  ) {}

  add(record: string[], line: number): void {
    const { header, columns, problems } = this;
    this.rows++;
    if (record.length !== header.length) {
      const column = Math.min(record.length, header.length) + 1;
      problems.add('field-count', line, column, `expected ${header.length} fields (${header.join(', ')}), got ${record.length}`);
      return;
    }
    const id = record[columns.id]!;
    if (id.trim() === '') {
      problems.add('empty-id', line, columns.id + 1, "empty value in column 'unique_id'; expected a series name");
      return;
    }
    let target = this.series.get(id);
    if (target === undefined) {
      target = emptySeriesRows(id, columns.exogenous.length);
      this.series.set(id, target);
    }
    let rejected = false;
    const dsText = record[columns.ds]!.trim();
    const ds = parseTimestamp(dsText);
    if (Number.isNaN(ds)) {
      problems.add('bad-date', line, columns.ds + 1, `unparsable date '${dsText}' in column 'ds'; expected ${TIMESTAMP_FORMATS}`);
      rejected = true;
    }
    const yText = record[columns.y]!;
    const y = parseNumber(yText);
    if (Number.isNaN(y)) {
      const what = yText.trim() === '' ? 'empty value' : `unparsable number '${yText}'`;
      problems.add('bad-number', line, columns.y + 1, `${what} in column 'y'; expected a finite number`);
      rejected = true;
    }
    const exogenous = columns.exogenous.map((column) => {
      const text = record[column]!;
      // An empty exogenous cell is a missing value, kept as NaN.
      if (text.trim() === '') return Number.NaN;
      const value = parseNumber(text);
      if (Number.isNaN(value)) {
        problems.add('bad-number', line, column + 1,
          `unparsable number '${text}' in column '${header[column]}'; expected a finite number or an empty cell`);
        rejected = true;
      }
      return value;
    });
    if (rejected) {
      target.hasRejectedRows = true;
      return;
    }
    target.ds.push(ds);
    target.y.push(y);
    target.line.push(line);
    for (let k = 0; k < exogenous.length; k++) target.exogenous[k]!.push(exogenous[k]!);
  }
}

/** Finds the required and exogenous columns; header problems go to `problems`. @internal */
export function locateColumns(header: string[], problems: ProblemCollector): ColumnIndex {
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') problems.add('header', 1, i + 1, 'empty column name in the header');
    else if (seen.has(name)) problems.add('header', 1, i + 1, `duplicate column '${name}' (also column ${seen.get(name)! + 1})`);
    else seen.set(name, i);
  });
  const missing = REQUIRED_COLUMNS.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    problems.add('header', 1, 1,
      `missing required column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}; ` +
        `the header has ${header.map((h) => `'${h}'`).join(', ')}; expected ${REQUIRED_COLUMNS.join(', ')}`);
  }
  const required = new Set<string>(REQUIRED_COLUMNS);
  return {
    id: seen.get('unique_id') ?? -1,
    ds: seen.get('ds') ?? -1,
    y: seen.get('y') ?? -1,
    exogenous: header.flatMap((name, i) => (required.has(name) || name === '' || seen.get(name) !== i ? [] : [i])),
  };
}
