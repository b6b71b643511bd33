import { DataError } from '@tsforecast/config';
import { csvLine } from '@tsforecast/artifact';
import type { SeriesInput } from './series-input';
import type { ServedForecast } from './serving-service';

/** Fields of one CSV line; a quoted field may hold commas and doubled quotes (not line breaks). */
function fields(line: string, lineNo: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) throw new DataError(`line ${lineNo}: a quoted field is not closed`);
        value += line.slice(i, close);
        i = close + 1;
        if (line[i] !== '"') break;
        value += '"';
        i++;
      }
      out.push(value);
      i++; // the comma
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/**
 * The series of a `text/csv` forecast request: a header naming `unique_id`,
 * `ds` and `y` (any order, other columns ignored), one row per point; rows of
 * one series in time order (they need not be contiguous).
 * @throws DataError naming the line and the column.
 */
export function parseForecastCsv(text: string): SeriesInput[] {
  const lines = text.split(/\r?\n/);
  const header = fields(lines[0]!.replace(/^\uFEFF/, ''), 1).map((h) => h.trim());
  const column = (name: string) => {
    const at = header.indexOf(name);
    if (at < 0)
      throw new DataError(`line 1: the header must name 'unique_id', 'ds' and 'y'; '${name}' is missing (got ${header.join(',')})`);
    return at;
  };
  const [idAt, dsAt, yAt] = [column('unique_id'), column('ds'), column('y')];
  const byId = new Map<string, { ds: string[]; y: number[] }>();
  for (let n = 1; n < lines.length; n++) {
    if (lines[n]!.trim() === '') continue;
    const row = fields(lines[n]!, n + 1);
    if (row.length !== header.length)
      throw new DataError(`line ${n + 1}: expected ${header.length} fields as in the header, got ${row.length}`);
    const yText = row[yAt]!.trim();
    const y = yText === '' ? Number.NaN : Number(yText);
    if (!Number.isFinite(y)) throw new DataError(`line ${n + 1}: 'y' must be a finite number, got '${yText}'`);
    const id = row[idAt]!;
    const series = byId.get(id) ?? { ds: [], y: [] };
    byId.set(id, series);
    series.ds.push(row[dsAt]!.trim());
    series.y.push(y);
  }
  if (byId.size === 0) throw new DataError(`the CSV has a header but no rows; expected unique_id,ds,y rows`);
  return [...byId].map(([unique_id, s]) => ({ unique_id, ds: s.ds, y: s.y }));
}

/** The forecast as CSV: `unique_id,ds,y_hat` then the `lo-`/`hi-` columns, one row per forecast point. */
export function formatForecastCsv(served: ServedForecast): string {
  const first = served.forecasts[0];
  const bands = first === undefined ? [] : Object.keys(first).filter((k) => k.startsWith('lo-') || k.startsWith('hi-'));
  const header = ['unique_id', 'ds', 'y_hat', ...bands];
  const parts = [csvLine(header)];
  for (const f of served.forecasts) {
    const columns = bands.map((b) => (f as unknown as Record<string, number[]>)[b]!);
    f.ds.forEach((ds, k) => parts.push(csvLine([f.unique_id, ds, f.y_hat[k], ...columns.map((c) => c[k])])));
  }
  return parts.join('');
}
