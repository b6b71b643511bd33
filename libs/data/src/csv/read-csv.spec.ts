import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataError, UsageError } from '@tsforecast/config';
import { readCsv } from './read-csv';

const root = resolve(__dirname, '../../../..');
// The sample the project ships: AirPassengers, the same file as ../shared/data/air_passengers/full.csv.
const bundledAirPassengers = join(root, 'apps/cli/assets/air_passengers.csv');
// The team's datasets beside the checkout (TSF_SHARED_DATA points elsewhere); a clone placed elsewhere lacks them.
const sharedData = process.env['TSF_SHARED_DATA'] ?? resolve(root, '../shared/data');
const itWithM4 = existsSync(join(sharedData, 'm4_hourly/train.csv')) ? it : it.skip;

describe('readCsv', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsforecast-read-csv-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  async function problemsOf(path: string): Promise<string> {
    const error = await readCsv(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).message;
  }

  it('reads a daily panel with columns in any order and an exogenous column', async () => {
    const path = file('ok.csv', 'ds,price,y,unique_id\n2020-01-01,1.5,10,a\n2020-01-02,,11,a\n2020-01-01,2,20,b\n2020-01-02,3,21,b\n');
    const { frame, report } = await readCsv(path);
    expect(frame.frequency).toEqual({ unit: 'day', step: 1 });
    expect(frame.seasonLength).toBe(7);
    expect(frame.exogenousColumns).toEqual(['price']);
    expect(frame.series.map((s) => s.id)).toEqual(['a', 'b']);
    expect(Array.from(frame.series[0]!.ds)).toEqual([Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 2)]);
    expect(Array.from(frame.series[1]!.y)).toEqual([20, 21]);
    expect(Array.from(frame.series[0]!.exogenous['price']!)).toEqual([1.5, Number.NaN]);
    expect(report).toMatchObject({ rows: 4, frequencySource: 'inferred', warnings: [] });
  });

  it('reads all accepted timestamp forms as UTC, with a quoted multi-line field counted in line numbers', async () => {
    const path = file(
      'forms.csv',
      'unique_id,ds,y\n"x\ny",2020-01-01 00:00,1\n"x\ny",2020-01-01T01:00:00Z,2\nz,2020-01-01T00:00,1\nz,2020-01-01 01:00:00,x\n',
    );
    // the bad y sits on file line 7 because the quoted ids each span two lines
    expect(await problemsOf(path)).toMatch(/forms\.csv:7:3: unparsable number 'x' in column 'y'/);
    const ok = file('forms-ok.csv', 'unique_id,ds,y\nz,2020-01-01T00:00,1\nz,2020-01-01 01:00:00,2\nz,2020-01-01T02:00:00Z,3\n');
    const { frame } = await readCsv(ok);
    expect(Array.from(frame.series[0]!.ds)).toEqual([0, 1, 2].map((h) => Date.UTC(2020, 0, 1, h)));
    expect(frame.frequency).toEqual({ unit: 'hour', step: 1 });
  });

  it('names the present columns when a required one is missing', async () => {
    const path = file('missing.csv', 'unique_id,date,y\na,2020-01-01,1\n');
    expect(await problemsOf(path)).toMatch(/missing\.csv:1:1: missing required column 'ds'; the header has 'unique_id', 'date', 'y'/);
  });

  it('reports every problem class of a file in one error with file:line:column', async () => {
    const path = file(
      'bad.csv',
      [
        'unique_id,ds,y,temp',
        'a,2020-01-01,1,5', // 2
        'a,2020-13-01,2,5', // 3 bad date (month 13)
        'a,2020-01-03,,5', // 4 empty y
        'a,2020-01-04,abc,5', // 5 bad y
        'a,2020-01-05,1', // 6 too few fields
        'a,2020-01-06,1,warm', // 7 bad exogenous
        ',2020-01-07,1,5', // 8 empty id
        'b,2020-01-01,1,5', // 9
        'b,2020-01-02,1,5', // 10
        'b,2020-01-02,2,5', // 11 duplicate of 10
        'c,2020-01-01,1,5', // 12
        'c,2020-01-02,1,5', // 13
        'c,2020-01-04,1,5', // 14 gap
        'c,2020-01-05,1,5,9', // 15 too many fields
      ].join('\n') + '\n',
    );
    const message = await problemsOf(path);
    expect(message).toMatch(/^.*bad\.csv: 9 data problems:/);
    expect(message).toMatch(/bad\.csv:3:2: unparsable date '2020-13-01' in column 'ds'; expected YYYY-MM-DD/);
    expect(message).toMatch(/bad\.csv:4:3: empty value in column 'y'; expected a finite number/);
    expect(message).toMatch(/bad\.csv:5:3: unparsable number 'abc' in column 'y'/);
    expect(message).toMatch(/bad\.csv:6:4: expected 4 fields \(unique_id, ds, y, temp\), got 3/);
    expect(message).toMatch(/bad\.csv:7:4: unparsable number 'warm' in column 'temp'/);
    expect(message).toMatch(/bad\.csv:8:1: empty value in column 'unique_id'/);
    expect(message).toMatch(/bad\.csv:11:2: duplicate row for series 'b' at 2020-01-02T00:00:00: same \(unique_id, ds\) as line 10/);
    expect(message).toMatch(
      /bad\.csv:14:2: series 'c' is not regular at inferred frequency 1 day: 2020-01-04T00:00:00 follows 2020-01-02T00:00:00, expected 2020-01-03T00:00:00/,
    );
    expect(message).toMatch(/bad\.csv:15:5: expected 4 fields \(unique_id, ds, y, temp\), got 5/);
    // series 'a' had rejected rows, so its gaps are not reported as irregular
    expect(message).not.toMatch(/series 'a' is not regular/);
  });

  it('caps each class at maxProblemsPerClass and counts the rest', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `a,not-a-date-${i},1`);
    const path = file('many.csv', `unique_id,ds,y\n${rows.join('\n')}\n`);
    const error = await readCsv(path, { maxProblemsPerClass: 5 }).catch((e: unknown) => e as DataError);
    expect(error).toBeInstanceOf(DataError);
    const message = (error as DataError).message;
    expect(message.match(/unparsable date/g)).toHaveLength(5);
    expect(message).toMatch(/many\.csv:2:2: unparsable date 'not-a-date-0'/);
    expect(message).toMatch(/\.\.\. and 25 more bad-date problems/);
  });

  it('sorts unsorted rows and says so in a warning', async () => {
    const path = file('unsorted.csv', 'unique_id,ds,y\na,2020-03-01,3\na,2020-01-01,1\na,2020-02-01,2\n');
    const { frame, report } = await readCsv(path);
    expect(Array.from(frame.series[0]!.y)).toEqual([1, 2, 3]);
    expect(frame.frequency).toEqual({ unit: 'month', step: 1 });
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]!.text).toMatch(/unsorted\.csv:3:2: rows are not sorted by ds in 1 series \(first: 'a'\); they were sorted/);
  });

  it('reports the frequency given in the options against the data', async () => {
    const path = file('weekly.csv', 'unique_id,ds,y\na,2020-01-01,1\na,2020-01-08,2\n');
    expect((await readCsv(path, { frequency: 'W' })).frame).toMatchObject({ frequency: { unit: 'week', step: 1 }, seasonLength: 52 });
    expect((await readCsv(path, { frequency: 'W', seasonLength: 4 })).frame.seasonLength).toBe(4);
    await expect(readCsv(path, { frequency: 'D' })).rejects.toThrow(/weekly\.csv:3:2: series 'a' is not regular at given frequency 1 day/);
    await expect(readCsv(path, { frequency: 'fortnightly' })).rejects.toThrow(UsageError);
    await expect(readCsv(path, { seasonLength: 0 })).rejects.toThrow(/'seasonLength' must be an integer >= 1, got 0/);
  });

  it('explains a missing file, an empty file, a header-only file and a CSV syntax error', async () => {
    const missing = join(dir, 'nope.csv');
    await expect(readCsv(missing)).rejects.toThrow(new RegExp(`cannot read data file '${missing.replace(/[.]/g, '\\.')}': ENOENT`));
    await expect(readCsv(file('empty.csv', ''))).rejects.toThrow(/empty\.csv: the file is empty; expected a header line 'unique_id,ds,y'/);
    await expect(readCsv(file('header.csv', 'unique_id,ds,y\n\n'))).rejects.toThrow(/header\.csv: no data rows after the header/);
    await expect(readCsv(file('quote.csv', 'unique_id,ds,y\na,"2020-01-01,1\n'))).rejects.toThrow(
      /quote\.csv:2:2: CSV syntax error: unclosed quote/,
    );
    await expect(readCsv(dir)).rejects.toThrow(DataError);
  });

  it('reads AirPassengers train and full: monthly, m=12, 132 and 144 points', async () => {
    const full = await readCsv(bundledAirPassengers);
    // train.csv of the shared data: the header and the first 132 rows.
    const train = await readCsv(
      file('air-train.csv', `${readFileSync(bundledAirPassengers, 'utf8').split('\n').slice(0, 133).join('\n')}\n`),
    );
    expect(full.frame.series).toHaveLength(1);
    expect(full.frame.series[0]!.y).toHaveLength(144);
    expect(train.frame.series[0]!.y).toHaveLength(132);
    expect(full.frame.frequency).toEqual({ unit: 'month', step: 1 });
    expect(full.frame.seasonLength).toBe(12);
    expect(full.frame.series[0]!.y[0]).toBe(112);
    expect(full.frame.series[0]!.ds[143]).toBe(Date.UTC(1960, 11, 1));
  });

  itWithM4(
    'reads M4 hourly train: 414 hourly series, m=24',
    async () => {
      const { frame, report } = await readCsv(join(sharedData, 'm4_hourly/train.csv'));
      expect(frame.series).toHaveLength(414);
      expect(frame.frequency).toEqual({ unit: 'hour', step: 1 });
      expect(frame.seasonLength).toBe(24);
      expect(report.rows).toBe(frame.series.reduce((n, s) => n + s.y.length, 0));
      expect(frame.series[0]!.id).toBe('H1');
      expect(frame.series[0]!.y[0]).toBe(605);
    },
    120_000,
  );
});
