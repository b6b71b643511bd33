import type { SeededRandom } from './seeded-random';

/** A long-format panel as CSV fields, before it is written out. */
export interface CsvPanel {
  header: string[];
  /** Data rows, fields unquoted; `write` quotes what needs it. */
  rows: string[][];
}

/** How a panel is turned into bytes. */
export interface CsvLayout {
  separator: string;
  lineEnd: '\n' | '\r\n';
  bom: boolean;
  finalNewline: boolean;
}

export const PLAIN: CsvLayout = { separator: ',', lineEnd: '\n', bom: false, finalNewline: true };

const PLAIN_IDS = ['A', 'B', 'store_1', 'item-42', 'S7', 'H103'];
/** Ids a spreadsheet would read as formulas, non-ASCII ids and ids that need quoting: all plain data. */
export const ODD_IDS = ['=SUM(A1)', '+1', '-x', '@cmd', 'Zürich', '東京', 'série é', 'emoji😀', 'a,b', 'say "hi"'];

type Step = { text: (i: number) => string };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const minute = (ms: number, sep: string): string => new Date(ms).toISOString().slice(0, 16).replace('T', sep);

/** A regular timestamp grid in one of the accepted text forms. */
function grid(rng: SeededRandom): Step {
  const start = Date.UTC(rng.int(1990, 2024), rng.int(0, 11), 1);
  switch (rng.int(0, 3)) {
    case 0:
      return { text: (i) => day(start + i * 86_400_000) };
    case 1:
      return { text: (i) => `${minute(start + i * 3_600_000, ' ')}:00` };
    case 2:
      return { text: (i) => minute(start + i * 900_000, 'T') };
    default: {
      const first = new Date(start);
      return {
        text: (i) =>
          `${first.getUTCFullYear() + Math.floor((first.getUTCMonth() + i) / 12)}-${pad(((first.getUTCMonth() + i) % 12) + 1)}-01`,
      };
    }
  }
}

/** A random valid panel: 1–4 series of 4–40 points on one grid, optionally an exogenous column. */
export function validPanel(rng: SeededRandom, options: { ids?: readonly string[]; exogenous?: boolean } = {}): CsvPanel {
  const step = grid(rng);
  const pool = [...(options.ids ?? PLAIN_IDS)];
  const count = Math.min(pool.length, rng.int(1, 4));
  const exogenous = options.exogenous ?? rng.chance(0.2);
  const header = exogenous ? ['unique_id', 'ds', 'y', 'price'] : ['unique_id', 'ds', 'y'];
  const rows: string[][] = [];
  for (let s = 0; s < count; s++) {
    const id = pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
    const length = rng.int(4, 40);
    for (let i = 0; i < length; i++) {
      const row = [id, step.text(i), (rng.next() * 2000 - 1000).toFixed(rng.int(0, 3))];
      if (exogenous) row.push(rng.chance(0.1) ? '' : (rng.next() * 10).toFixed(2));
      rows.push(row);
    }
  }
  return { header, rows };
}

function quote(field: string, separator: string): string {
  if (!field.includes(separator) && !field.includes('"') && !/[\r\n]/.test(field)) return field;
  return `"${field.replace(/"/g, '""')}"`;
}

/** Writes a panel as CSV bytes (UTF-8). */
export function writePanel(panel: CsvPanel, layout: CsvLayout = PLAIN): Buffer {
  const lines = [panel.header, ...panel.rows].map((fields) => fields.map((f) => quote(f, layout.separator)).join(layout.separator));
  const text = (layout.bom ? '\uFEFF' : '') + lines.join(layout.lineEnd) + (layout.finalNewline ? layout.lineEnd : '');
  return Buffer.from(text, 'utf8');
}

/** Index of a random data row. */
export function anyRow(rng: SeededRandom, panel: CsvPanel): number {
  return rng.int(0, panel.rows.length - 1);
}

/** File line (1-based, header = 1) of data row `index` when every field fits on one line. */
export const lineOf = (index: number): number => index + 2;
