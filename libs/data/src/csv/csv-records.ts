/** One CSV record and the file line it starts on (1-based). @internal */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** Set on the last record of a file that does not end in a line break. */
  unterminated?: true;
}

/**
 * Longest record, in characters, that the splitter holds while it waits for
 * the record's end. Without a bound an unclosed quote on line 2 makes the rest
 * of the file one field, rescanned on every chunk (79 s and 700 MB for 50 MB).
 */
export const MAX_RECORD_CHARS = 1 << 20;

/** A syntax error in CSV text, located by 1-based line and field. @internal */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const NEWLINE = 10; // \n
const RETURN = 13; // \r

/** End (index of its `\n`, or -1 if the text ends first) of the record starting at `start`, quotes respected. */
function recordEnd(text: string, start: number): number {
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE)
      quoted = !quoted; // "" inside quotes toggles twice: no net change
    else if (c === NEWLINE && !quoted) return i;
  }
  return -1;
}

/** Splits one record that contains quotes into fields (RFC 4180: "" is an escaped quote). */
function splitQuoted(record: string, line: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (record.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const close = record.indexOf('"', from);
        if (close < 0) throw new CsvSyntaxError('unclosed quote', line, fields.length + 1);
        value += record.slice(from, close);
        if (record.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      fields.push(value);
      if (i === record.length) return fields;
      if (record.charCodeAt(i) !== COMMA) {
        throw new CsvSyntaxError(`unexpected text after a closing quote in field ${fields.length}`, line, fields.length);
      }
      i++;
    } else {
      const comma = record.indexOf(',', i);
      if (comma < 0) {
        fields.push(record.slice(i));
        return fields;
      }
      fields.push(record.slice(i, comma));
      i = comma + 1;
    }
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Splits a stream of text chunks into CSV records (RFC 4180: comma-separated,
 * fields optionally in double quotes, `""` an escaped quote, quoted fields may
 * span lines; LF or CRLF line ends; a leading BOM is dropped). Empty lines are
 * skipped but counted, so `line` is the record's line in the file. Records are
 * yielded in batches, one per chunk, to keep the per-record cost low.
 *
 * Why not csv-parse: on a 10 MB file it costs ~3 s of CPU under Node and
 * ~15 s under jest, against well under a second here (see docs/DATA.md).
 *
 * A record may not grow past {@link MAX_RECORD_CHARS} before its line end.
 *
 * @throws CsvSyntaxError for an unclosed quote, text after a closing quote or an overlong record.
 * @internal
 */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  let carry = '';
  let line = 1;
  let first = true;
  for await (const chunk of chunks) {
    let text = carry + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const batch: CsvRecord[] = [];
    let start = 0;
    for (;;) {
      let end = text.indexOf('\n', start);
      if (end < 0) break;
      let record = text.slice(start, end);
      const quoted = record.includes('"');
      if (quoted) {
        end = recordEnd(text, start);
        if (end < 0) break; // a quoted field runs past this chunk
        record = text.slice(start, end);
      }
      start = end + 1;
      line = pushRecord(batch, record, quoted, line);
    }
    carry = text.slice(start);
    if (carry.length > MAX_RECORD_CHARS) throwOverlong(carry, line);
    if (batch.length > 0) yield batch;
  }
  if (carry.length > 0) {
    const batch: CsvRecord[] = [];
    pushRecord(batch, carry, carry.includes('"'), line);
    if (batch.length > 0) batch[batch.length - 1]!.unterminated = true;
    if (batch.length > 0) yield batch;
  }
}

/** Throws for a record that ran past {@link MAX_RECORD_CHARS}: at its unclosed quote if it has one. */
function throwOverlong(record: string, line: number): never {
  if (record.includes('"')) {
    try {
      splitQuoted(record, line);
    } catch (error) {
      if (error instanceof CsvSyntaxError && error.message === 'unclosed quote') {
        throw new CsvSyntaxError(
          `unclosed quote: the quoted field runs over ${MAX_RECORD_CHARS} characters; expected a closing quote`,
          error.line,
          error.column,
        );
      }
    }
  }
  throw new CsvSyntaxError(
    `the record runs over ${MAX_RECORD_CHARS} characters; expected one record per line, each shorter than that`,
    line,
    1,
  );
}

/** Adds one record (text without its final `\n`) to `batch`; returns the next record's line. */
function pushRecord(batch: CsvRecord[], text: string, quoted: boolean, line: number): number {
  if (text.length > MAX_RECORD_CHARS) throwOverlong(text, line);
  const record = text.charCodeAt(text.length - 1) === RETURN ? text.slice(0, -1) : text;
  if (record.trim() !== '') batch.push({ fields: quoted ? splitQuoted(record, line) : record.split(','), line });
  return line + 1 + (quoted ? countNewlines(text) : 0);
}
