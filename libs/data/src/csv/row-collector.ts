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
 * Largest magnitude accepted for `y` and exogenous values. Squares stay far
 * inside float64 (1e30 ≪ 1.8e308) and float32 (≪ 3.4e38), so MSE, RMSE and
 * training losses cannot overflow; 1e15 is also where float64 stops holding
 * every integer (2^53 ≈ 9.0e15).
 */
export const MAX_ABS_VALUE = 1e15;

/** A number whose text may have been cut off: digits ending in `.`, an exponent mark or its sign (`12.`, `1e`, `1e-`). */
function looksCut(text: string): boolean {
  const t = text.trim();
  return /\d/.test(t) && /[.eE+-]$/.test(t) && /^[+-]?\d*\.?\d*(?:[eE][+-]?)?$/.test(t);
}

/**
 * Validates data rows one by one and groups the good ones by series; every
 * bad cell becomes a located problem. Keeps no row text, only parsed numbers.
 * Ids are taken as they are: surrounding whitespace is an error (`'A'` and
 * `'A '` would otherwise be two series).
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

  /** Adds one data record; `unterminated` marks a last line without a line break. */
  add(record: string[], line: number, unterminated = false): void {
    this.rows++;
    if (unterminated && this.isCutOff(record, line)) return;
    if (record.length !== this.header.length) {
      const column = Math.min(record.length, this.header.length) + 1;
      this.problems.add(
        'field-count',
        line,
        column,
        `expected ${this.header.length} fields (${this.header.join(', ')}), got ${record.length}`,
      );
      return;
    }
    const target = this.seriesOf(record[this.columns.id]!, line);
    if (target === undefined) return;
    const problemsBefore = this.problems.count;
    const ds = this.timestamp(record, line);
    const y = this.number(record, this.columns.y, line);
    const exogenous = this.columns.exogenous.map((column) => this.number(record, column, line));
    if (this.problems.count > problemsBefore) {
      target.hasRejectedRows = true;
      return;
    }
    target.ds.push(ds);
    target.y.push(y);
    target.line.push(line);
    for (let k = 0; k < exogenous.length; k++) target.exogenous[k]!.push(exogenous[k]!);
  }

  /** Reports a last line cut inside the record (too few fields, or a number cut short). */
  private isCutOff(record: string[], line: number): boolean {
    const expected = this.header.length;
    if (record.length < expected) {
      this.problems.add(
        'truncated',
        line,
        record.length,
        `the last line ends without a newline after ${record.length} of ${expected} fields; expected ${expected} fields (the file may be truncated)`,
      );
      return true;
    }
    const last = record.length - 1;
    const text = record[last]!;
    if (record.length !== expected || !looksCut(text) || last === this.columns.id || last === this.columns.ds) return false;
    this.problems.add(
      'truncated',
      line,
      last + 1,
      `the last line ends without a newline inside the number '${text}' in column '${this.header[last]}'; ` +
        'expected a complete number (the file may be truncated)',
    );
    return true;
  }

  /** The rows of series `id`, or undefined (and a problem) for an empty or padded id. */
  private seriesOf(id: string, line: number): SeriesRows | undefined {
    const column = this.columns.id + 1;
    if (id.trim() === '') {
      this.problems.add('empty-id', line, column, "empty value in column 'unique_id'; expected a series name");
      return undefined;
    }
    if (id.trim() !== id) {
      this.problems.add(
        'bad-id',
        line,
        column,
        `id ${JSON.stringify(id)} has leading or trailing whitespace in column 'unique_id'; expected the name without surrounding whitespace`,
      );
      return undefined;
    }
    let target = this.series.get(id);
    if (target === undefined) {
      target = emptySeriesRows(id, this.columns.exogenous.length);
      this.series.set(id, target);
    }
    return target;
  }

  /** The `ds` of a record as epoch ms, or NaN (and a problem). */
  private timestamp(record: string[], line: number): number {
    const text = record[this.columns.ds]!.trim();
    const ds = parseTimestamp(text);
    if (Number.isNaN(ds)) {
      this.problems.add('bad-date', line, this.columns.ds + 1, `unparsable date '${text}' in column 'ds'; expected ${TIMESTAMP_FORMATS}`);
    }
    return ds;
  }

  /**
   * The number in `column`, or NaN: with a problem if it is unparsable, out
   * of range or (for `y` only) empty; an empty exogenous cell is a missing
   * value, NaN without a problem.
   */
  private number(record: string[], column: number, line: number): number {
    const text = record[column]!;
    const name = this.header[column]!;
    const isTarget = column === this.columns.y;
    if (text.trim() === '') {
      if (isTarget) this.problems.add('bad-number', line, column + 1, "empty value in column 'y'; expected a finite number");
      return Number.NaN;
    }
    const value = parseNumber(text);
    if (Number.isNaN(value)) {
      const expected = isTarget ? 'a finite number' : 'a finite number or an empty cell';
      this.problems.add('bad-number', line, column + 1, `unparsable number '${text}' in column '${name}'; expected ${expected}`);
      return Number.NaN;
    }
    if (Math.abs(value) > MAX_ABS_VALUE) {
      this.problems.add(
        'out-of-range',
        line,
        column + 1,
        `value ${value} in column '${name}' is out of range; expected a number in [-1e15, 1e15]`,
      );
      return Number.NaN;
    }
    return value;
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
    problems.add(
      'header',
      1,
      1,
      `missing required column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}; ` +
        `the header has ${header.map((h) => `'${h}'`).join(', ')}; expected ${REQUIRED_COLUMNS.join(', ')}`,
    );
  }
  const required = new Set<string>(REQUIRED_COLUMNS);
  return {
    id: seen.get('unique_id') ?? -1,
    ds: seen.get('ds') ?? -1,
    y: seen.get('y') ?? -1,
    exogenous: header.flatMap((name, i) => (required.has(name) || name === '' || seen.get(name) !== i ? [] : [i])),
  };
}
