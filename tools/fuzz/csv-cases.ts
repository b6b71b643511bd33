import { anyRow, lineOf, ODD_IDS, PLAIN, validPanel, writePanel, type CsvPanel } from './csv-panel';
import type { SeededRandom } from './seeded-random';

/** One generated input file and what the reader must do with it. */
export interface CsvCase {
  bytes: Buffer;
  expect: 'accept' | 'reject';
  /** For `reject`: the error message must match (location or expectation named). */
  pattern?: RegExp;
  /** Append rows to the file while it is read (through the reader's test hook). */
  changeDuringRead?: boolean;
}

const LOC = String.raw`\.csv:\d+:\d+: `;
/** `file.csv:line:column: ` of a known place. */
const at = (line: number, column: number): string => String.raw`\.csv:${line}:${column}: `;

const accept = (bytes: Buffer): CsvCase => ({ bytes, expect: 'accept' });
const reject = (bytes: Buffer, pattern: RegExp): CsvCase => ({ bytes, expect: 'reject', pattern });

/** Replaces field `column` (0-based) of a random row; returns the row's file line. */
function setField(rng: SeededRandom, panel: CsvPanel, column: number, value: string): number {
  const row = anyRow(rng, panel);
  panel.rows[row]![column] = value;
  return lineOf(row);
}

/** Splices raw bytes into the written file at the start of data row `row`'s field `column`. */
function spliceBytes(panel: CsvPanel, row: number, bytes: number[]): Buffer {
  const head = writePanel({ header: panel.header, rows: panel.rows.slice(0, row) });
  const rest = writePanel({ header: [], rows: panel.rows.slice(row) }).subarray(1); // drop the empty header line
  return Buffer.concat([head, Buffer.from(bytes), rest]);
}

function randomBytes(rng: SeededRandom, n: number): number[] {
  return Array.from({ length: n }, () => rng.int(0, 255));
}

/** Every CSV class: a generator of cases. Valid classes must be accepted, the rest rejected with a clear message. */
export const CSV_CLASSES: Record<string, (rng: SeededRandom) => CsvCase> = {
  valid: (rng) => accept(writePanel(validPanel(rng))),
  'valid-bom-crlf': (rng) => accept(writePanel(validPanel(rng), { ...PLAIN, bom: true, lineEnd: '\r\n' })),
  'valid-no-final-newline': (rng) => accept(writePanel(validPanel(rng), { ...PLAIN, finalNewline: false })),
  'valid-unsorted': (rng) => {
    const panel = validPanel(rng);
    panel.rows.reverse();
    return accept(writePanel(panel));
  },
  'valid-odd-ids': (rng) => accept(writePanel(validPanel(rng, { ids: ODD_IDS }))),
  'valid-tiny-values': (rng) => {
    const panel = validPanel(rng);
    setField(rng, panel, 2, rng.pick(['1e-300', '5e-324', '-2.5e-308', '0.000000000001']));
    return accept(writePanel(panel));
  },
  'valid-short-series': (rng) => {
    const panel = validPanel(rng, { exogenous: false });
    const ds = panel.rows[0]![1]!;
    panel.rows.push(['lonely', ds, '1']);
    return accept(writePanel(panel));
  },
  'nul-byte': (rng) => {
    const panel = validPanel(rng);
    const row = anyRow(rng, panel);
    return reject(spliceBytes(panel, row, [0x41, 0x00]), new RegExp(`${at(lineOf(row), 1)}NUL byte`));
  },
  latin1: (rng) => {
    const panel = validPanel(rng);
    const row = anyRow(rng, panel);
    return reject(
      spliceBytes(panel, row, [0x5a, rng.pick([0xfc, 0xe9, 0xe4, 0xdf]), 0x72]),
      new RegExp(`${at(lineOf(row), 1)}invalid UTF-8`),
    );
  },
  'binary-garbage': (rng) => {
    const bytes = randomBytes(rng, rng.int(16, 4096));
    bytes[rng.int(0, bytes.length - 1)] = 0; // at least one NUL: random bytes are then never valid text
    return reject(Buffer.from(bytes), new RegExp(`${LOC}(NUL byte|invalid UTF-8)`));
  },
  'padded-id': (rng) => {
    const panel = validPanel(rng);
    const row = anyRow(rng, panel);
    const id = panel.rows[row]![0]!;
    panel.rows[row]![0] = rng.pick([`${id} `, ` ${id}`, `${id}\t`]);
    return reject(writePanel(panel), new RegExp(`${at(lineOf(row), 1)}id ".*" has leading or trailing whitespace`));
  },
  'huge-value': (rng) => {
    const panel = validPanel(rng);
    const line = setField(rng, panel, 2, rng.pick(['1e308', '-1e308', '1.7976931348623157e308', '1e16', '-123456789012345678']));
    return reject(writePanel(panel), new RegExp(`${at(line, 3)}value .* in column 'y' is out of range`));
  },
  'non-finite-y': (rng) => {
    const panel = validPanel(rng);
    const line = setField(rng, panel, 2, rng.pick(['NaN', 'Infinity', '-Infinity', 'inf', '1e400', 'nan', '0x10', '1,5']));
    return reject(writePanel(panel), new RegExp(`${at(line, 3)}unparsable number '.*' in column 'y'`));
  },
  'empty-y': (rng) => {
    const panel = validPanel(rng);
    const line = setField(rng, panel, 2, '');
    return reject(writePanel(panel), new RegExp(`${at(line, 3)}empty value in column 'y'`));
  },
  'empty-id': (rng) => {
    const panel = validPanel(rng);
    const line = setField(rng, panel, 0, '');
    return reject(writePanel(panel), new RegExp(`${at(line, 1)}empty value in column 'unique_id'`));
  },
  'separator-semicolon-or-tab': (rng) => {
    const separator = rng.pick([';', '\t', '|']);
    return reject(writePanel(validPanel(rng), { ...PLAIN, separator }), new RegExp(`${at(1, 1)}missing required columns`));
  },
  'unclosed-quote': (rng) => {
    const panel = validPanel(rng);
    const row = anyRow(rng, panel);
    return reject(spliceBytes(panel, row, [0x22]), new RegExp(`${at(lineOf(row), 1)}CSV syntax error: unclosed quote`));
  },
  'text-after-quote': (rng) => {
    const panel = validPanel(rng);
    const row = anyRow(rng, panel);
    return reject(
      spliceBytes(panel, row, [...Buffer.from('"q"x')]),
      new RegExp(`${at(lineOf(row), 1)}CSV syntax error: unexpected text after a closing quote`),
    );
  },
  'mixed-date-formats': (rng) => {
    const panel = validPanel(rng);
    const line = setField(rng, panel, 1, rng.pick(['01/02/2020', '2020/01/02', '2020-1-2', 'Jan 2 2020', '20200102', '2020-02-30']));
    return reject(writePanel(panel), new RegExp(`${at(line, 2)}unparsable date`));
  },
  'time-zone-offsets': (rng) => {
    const panel = validPanel(rng);
    const line = setField(rng, panel, 1, rng.pick(['2020-01-01T00:00:00+02:00', '2020-01-01 00:00:00-0500', '2020-01-01T00:00:00 CET']));
    return reject(writePanel(panel), new RegExp(`${at(line, 2)}unparsable date`));
  },
  'duplicate-rows': (rng) => {
    const panel = validPanel(rng);
    const row = anyRow(rng, panel);
    panel.rows.splice(row + 1, 0, [...panel.rows[row]!]);
    return reject(writePanel(panel), new RegExp(`${LOC}duplicate row for series`));
  },
  'single-points-only': (rng) => {
    const panel = validPanel(rng, { exogenous: false });
    const firstOfEach = new Map(panel.rows.map((r) => [r[0], r] as const));
    panel.rows = [...firstOfEach.values()].map((r) => [...r]);
    return reject(writePanel(panel), new RegExp(`${LOC}cannot infer the frequency`));
  },
  'irregular-gap': (rng) => {
    const panel = validPanel(rng, { exogenous: false });
    const long = panel.rows.findIndex((r, i) => i > 1 && panel.rows[i - 2]![0] === r[0] && panel.rows[i + 1]?.[0] === r[0]);
    panel.rows.splice(long, 1);
    return reject(writePanel(panel), new RegExp(`${LOC}series '.*' is not regular`));
  },
  'empty-file': () => reject(Buffer.alloc(0), /\.csv: the file is empty; expected a header line/),
  'header-only': (rng) => reject(writePanel({ header: validPanel(rng).header, rows: [] }), /\.csv: no data rows after the header/),
  'missing-column': (rng) => {
    const panel = validPanel(rng, { exogenous: false });
    const drop = rng.int(0, 2);
    const cut = (fields: string[]) => fields.filter((_, i) => i !== drop);
    return reject(writePanel({ header: cut(panel.header), rows: panel.rows.map(cut) }), new RegExp(`${at(1, 1)}missing required column`));
  },
  'duplicate-column': (rng) => {
    const panel = validPanel(rng, { exogenous: false });
    return reject(
      writePanel({ header: [...panel.header, 'y'], rows: panel.rows.map((r) => [...r, r[2]!]) }),
      new RegExp(`${at(1, 4)}duplicate column 'y'`),
    );
  },
  'extra-field': (rng) => {
    const panel = validPanel(rng);
    const row = anyRow(rng, panel);
    panel.rows[row]!.push('extra');
    return reject(writePanel(panel), new RegExp(`${at(lineOf(row), panel.header.length + 1)}expected \\d+ fields`));
  },
  'bad-exogenous': (rng) => {
    const panel = validPanel(rng, { exogenous: true });
    const line = setField(rng, panel, 3, rng.pick(['warm', 'N/A', '1.2.3', '-']));
    return reject(writePanel(panel), new RegExp(`${at(line, 4)}unparsable number '.*' in column 'price'`));
  },
  'truncated-last-line': (rng) => {
    const bytes = writePanel(validPanel(rng, { exogenous: false }), { ...PLAIN, finalNewline: false });
    const text = bytes.toString('utf8');
    const lastComma = text.lastIndexOf(',');
    // cut inside the ds field (fewer fields) or after "12." (a number cut short)
    const cut = rng.chance(0.5) ? text.slice(0, text.lastIndexOf(',', lastComma - 1) + 3) : `${text.slice(0, lastComma)},12.`;
    return reject(Buffer.from(cut, 'utf8'), new RegExp(`${LOC}the last line ends without a newline`));
  },
  'overlong-record': (rng) => {
    const panel = validPanel(rng, { exogenous: false });
    const row = anyRow(rng, panel);
    panel.rows[row]![0] = 'x'.repeat(1_100_000 + rng.int(0, 1000));
    return reject(writePanel(panel), new RegExp(`${at(lineOf(row), 1)}CSV syntax error: the record runs over 1048576 characters`));
  },
  'every-row-bad': (rng) => {
    const rows = Array.from({ length: rng.int(1001, 3000) }, (_, i) => ['A', `2020-01-01 ${pad2(i % 24)}:00`, `bad${i}`]);
    return reject(writePanel({ header: ['unique_id', 'ds', 'y'], rows }), /\.csv: stopped after 1000 problems \(maxErrors\)/);
  },
  'changed-during-read': (rng) => ({
    bytes: writePanel(validPanel(rng, { exogenous: false })),
    expect: 'reject',
    pattern: /\.csv: the file changed while it was read \(size \d+ → \d+ bytes/,
    changeDuringRead: true,
  }),
};

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
