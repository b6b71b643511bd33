import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Quotes a CSV field when it holds a comma, quote or newline (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Streams rows to a CSV file with back-pressure, so that large prediction sets
 * are never built as one string.
 */
export async function writeCsv(path: string, header: string[], rows: Iterable<(string | number | null | undefined)[]>): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  out.write(header.map(csvField).join(',') + '\n');
  for (const row of rows) {
    if (!out.write(row.map(csvField).join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await done;
}
