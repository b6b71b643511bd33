import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, UsageError } from '@tsforecast/config';
import { readCsv } from './read-csv';

/** `n` hourly rows of series `id`, starting 2020-01-01 00:00. */
function hourlyRows(id: string, n: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(`${id},${new Date(Date.UTC(2020, 0, 1, i)).toISOString().slice(0, 19)},${i % 97}.5`);
  return rows.join('\n') + '\n';
}

describe('readCsv input integrity', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsforecast-integrity-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  async function messageOf(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).message;
  }

  describe('truncation and concurrent writes', () => {
    it('rejects a file appended to while it is read', async () => {
      const path = file('growing.csv', `unique_id,ds,y\n${hourlyRows('a', 2000)}`);
      const read = readCsv(
        path,
        {},
        { chunkBytes: 4096, afterChunk: (n) => (n === 4096 ? appendFileSync(path, hourlyRows('b', 50)) : undefined) },
      );
      expect(await messageOf(read)).toMatch(
        /growing\.csv: the file changed while it was read \(size \d+ → \d+ bytes.*; expected a file that is not being written/,
      );
    });

    it('rejects a file truncated while it is read (the rows read so far would train silently)', async () => {
      const text = `unique_id,ds,y\n${hourlyRows('a', 2000)}`;
      const path = file('shrinking.csv', text);
      const keep = text.lastIndexOf('\n', 20_000) + 1; // a whole-line prefix: parses cleanly on its own
      const read = readCsv(path, {}, { chunkBytes: 4096, afterChunk: (n) => (n === 4096 ? truncateSync(path, keep) : undefined) });
      expect(await messageOf(read)).toMatch(
        new RegExp(`shrinking\\.csv: the file changed while it was read \\(size ${text.length} → ${keep} bytes`),
      );
    });

    it('reports a last line cut inside the record: fewer fields, or a number ending in . e or a sign', async () => {
      const head = 'unique_id,ds,y\na,2020-01-01,1\na,2020-01-02,2\n';
      expect(await messageOf(readCsv(file('cut-fields.csv', `${head}a,2020-01-0`)))).toMatch(
        /cut-fields\.csv:4:2: the last line ends without a newline after 2 of 3 fields; expected 3 fields \(the file may be truncated\)/,
      );
      expect(await messageOf(readCsv(file('cut-number.csv', `${head}a,2020-01-03,12.`)))).toMatch(
        /cut-number\.csv:4:3: the last line ends without a newline inside the number '12\.' in column 'y'; expected a complete number \(the file may be truncated\)/,
      );
      expect(await messageOf(readCsv(file('cut-exp.csv', `${head}a,2020-01-03,1e`)))).toMatch(
        /cut-exp\.csv:4:3: the last line ends without a newline inside the number '1e'/,
      );
    });

    it('accepts a complete last line without a newline, and 12. on a terminated line', async () => {
      const { frame } = await readCsv(file('no-eol.csv', 'unique_id,ds,y\na,2020-01-01,1\na,2020-01-02,2'));
      expect(Array.from(frame.series[0]!.y)).toEqual([1, 2]);
      const ok = await readCsv(file('eol.csv', 'unique_id,ds,y\na,2020-01-01,1\na,2020-01-02,12.\n'));
      expect(Array.from(ok.frame.series[0]!.y)).toEqual([1, 12]);
    });

    it('returns the sha256, size and mtime of exactly the bytes parsed', async () => {
      const content = `\uFEFFunique_id,ds,y\r\n${hourlyRows('a', 3000)}`;
      const path = file('print.csv', content);
      const { report } = await readCsv(path, {}, { chunkBytes: 1000 });
      const bytes = readFileSync(path);
      expect(report.fingerprint).toEqual({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        mtime: statSync(path).mtime.toISOString(),
      });
    });
  });

  describe('bytes and encodings', () => {
    it('rejects a NUL byte in unique_id with file:line:column (PostgreSQL text cannot hold it)', async () => {
      const path = file('nul.csv', 'unique_id,ds,y\na,2020-01-01,1\na\0b,2020-01-02,2\n');
      expect(await messageOf(readCsv(path))).toMatch(/nul\.csv:3:1: NUL byte \(0x00\); expected text without NUL characters/);
    });

    it('rejects Latin-1 text instead of storing U+FFFD', async () => {
      const path = file('latin1.csv', Buffer.from('unique_id,ds,y\nZ\xfcrich,2020-01-01,1\n', 'latin1'));
      expect(await messageOf(readCsv(path))).toMatch(
        /latin1\.csv:2:1: invalid UTF-8: byte 0xFC cannot start a UTF-8 character; expected UTF-8 text/,
      );
    });

    it('skips a UTF-8 BOM and keeps non-ASCII ids', async () => {
      const path = file(
        'bom.csv',
        '\uFEFFunique_id,ds,y\nZürich,2020-01-01,1\nZürich,2020-01-02,2\n日本,2020-01-01,3\n日本,2020-01-02,4\n',
      );
      const { frame } = await readCsv(path);
      expect(frame.series.map((s) => s.id)).toEqual(['Zürich', '日本']);
    });
  });

  describe('silently altered input', () => {
    it('rejects ids with leading or trailing whitespace instead of making two series of one id', async () => {
      const path = file('spaces.csv', 'unique_id,ds,y\nA,2020-01-01,1\nA ,2020-01-02,2\n"\tB",2020-01-01,3\n');
      const message = await messageOf(readCsv(path));
      expect(message).toMatch(
        /spaces\.csv:3:1: id "A " has leading or trailing whitespace in column 'unique_id'; expected the name without surrounding whitespace/,
      );
      expect(message).toMatch(/spaces\.csv:4:1: id "\\tB" has leading or trailing whitespace/);
    });

    it('accepts ids that look like spreadsheet formulas as plain data', async () => {
      const ids = ['=SUM(A1)', '+1', '-x', '@cmd'];
      const rows = ids.flatMap((id) => [`"${id}",2020-01-01,1`, `"${id}",2020-01-02,2`]);
      const { frame } = await readCsv(file('formula.csv', `unique_id,ds,y\n${rows.join('\n')}\n`));
      expect(frame.series.map((s) => s.id)).toEqual(ids);
    });

    it('rejects values whose magnitude exceeds 1e15, in y and in exogenous columns', async () => {
      const path = file(
        'huge.csv',
        'unique_id,ds,y,x\na,2020-01-01,1e308,1\na,2020-01-02,-1e308,1\na,2020-01-03,1,-2e15\na,2020-01-04,1e15,1e15\n',
      );
      const message = await messageOf(readCsv(path));
      expect(message).toMatch(/huge\.csv:2:3: value 1e\+308 in column 'y' is out of range; expected a number in \[-1e15, 1e15\]/);
      expect(message).toMatch(/huge\.csv:3:3: value -1e\+308 in column 'y' is out of range/);
      expect(message).toMatch(/huge\.csv:4:4: value -2000000000000000 in column 'x' is out of range/);
      expect(message).toMatch(/: 3 data problems:/);
    });

    it('accepts tiny values', async () => {
      const { frame } = await readCsv(file('tiny.csv', 'unique_id,ds,y\na,2020-01-01,1e-300\na,2020-01-02,5e-324\n'));
      expect(Array.from(frame.series[0]!.y)).toEqual([1e-300, 5e-324]);
    });
  });

  describe('memory and time on bad input', () => {
    it('stops at maxErrors problems and says so, keeping only the listed ones', async () => {
      const rows = Array.from({ length: 5000 }, (_, i) => `a,2020-01-01,bad${i}`);
      const path = file('budget.csv', `unique_id,ds,y\n${rows.join('\n')}\n`);
      const message = await messageOf(readCsv(path, { maxErrors: 100, maxProblemsPerClass: 3 }));
      expect(message).toMatch(/budget\.csv: stopped after 100 problems \(maxErrors\); the first by class:/);
      expect(message).toMatch(/budget\.csv:2:3: unparsable number 'bad0'/);
      expect(message).toMatch(/\.\.\. and 97 more bad-number problems/);
      expect(message).not.toMatch(/bad3'/);
      await expect(readCsv(path, { maxErrors: 0 })).rejects.toThrow(UsageError);
    });

    it('reports an unclosed quote at its opening line and column without reading the rest of a big file', async () => {
      const path = file('quote.csv', `unique_id,ds,y\na,"2020-01-01,1\n${hourlyRows('b', 60_000)}`);
      let bytesRead = 0;
      const read = readCsv(path, {}, { afterChunk: (n) => void (bytesRead = n) });
      expect(await messageOf(read)).toMatch(
        /quote\.csv:2:2: CSV syntax error: unclosed quote: the quoted field runs over 1048576 characters; expected a closing quote/,
      );
      expect(bytesRead).toBeLessThan(1.5 * 1024 * 1024);
    });

    it('reports a line longer than the record bound (e.g. binary data without newlines)', async () => {
      const path = file('long.csv', `unique_id,ds,y\n${'x'.repeat(2_000_000)}\n`);
      expect(await messageOf(readCsv(path))).toMatch(
        /long\.csv:2:1: CSV syntax error: the record runs over 1048576 characters; expected one record per line, each shorter than that/,
      );
      // just over the bound, its line end in the same 256 KiB chunk as the 1 MiB mark: still rejected
      const near = file('near.csv', `unique_id,ds,y\na,2020-01-01,1\n${'x'.repeat(1_100_000)},2020-01-02,2\n`);
      expect(await messageOf(readCsv(near))).toMatch(/near\.csv:3:1: CSV syntax error: the record runs over 1048576 characters/);
    });
  });
});
