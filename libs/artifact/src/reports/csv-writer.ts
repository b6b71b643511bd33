import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * First characters that make a spreadsheet read a cell as a formula (OWASP
 * "CSV injection": `=`, `+`, `-`, `@`, tab, carriage return).
 */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV field. Text that a spreadsheet would run as a formula gets a leading
 * `'` (OWASP's advice: `=1+1` → `'=1+1`); numbers stay numbers (`-3` is
 * written as `-3`). Then the field is quoted when it holds a comma, quote or
 * newline (RFC 4180).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (with its newline) of escaped fields. */
export function csvLine(row: readonly (string | number | null | undefined)[]): string {
  return row.map(csvField).join(',') + '\n';
}

/**
 * Streams rows to a CSV file — or to an open stream such as `process.stdout`,
 * which is left open — with back-pressure, so that large prediction sets are
 * never built as one string. Every cell goes through {@link csvField}.
 */
export async function writeCsv(
  target: string | Writable,
  header: string[],
  rows: Iterable<(string | number | null | undefined)[]>,
): Promise<void> {
  const out = typeof target === 'string' ? createWriteStream(target, { encoding: 'utf8' }) : target;
  const failed = new Promise<never>((_resolve, reject) => out.once('error', reject));
  failed.catch(() => undefined); // observed through the races below; never an unhandled rejection
  const write = async (line: string) => {
    if (!out.write(line)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write(csvLine(header));
  for (const row of rows) await write(csvLine(row));
  if (typeof target !== 'string') return;
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}
