import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@tsforecast/config/testing';
import { readCsv, type SeriesFrame } from '@tsforecast/data';
import { SeriesSource } from './series-source';

describe('SeriesSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsf-series-source-'));
  const logger = new MemoryLogger();
  const source = new SeriesSource({ read: (path, options) => readCsv(path, options) }, logger);
  // Rows out of order: the reader sorts them and reports a warning.
  const file = join(dir, 'unsorted.csv');
  writeFileSync(file, 'unique_id,ds,y\na,2000-01-03,3\na,2000-01-01,1\na,2000-01-02,2\n');
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');

  beforeEach(() => logger.records.splice(0));

  it("loads a request's CSV: logs its warnings and what it holds, and records the data set by the sha256 of the bytes read", async () => {
    const { frame, dataset } = await source.load(file);
    expect(Array.from(frame.series[0]!.y)).toEqual([1, 2, 3]);
    expect(dataset).toEqual({
      name: 'unsorted.csv',
      path: file,
      fingerprint: sha256,
      rowCount: 3,
      seriesCount: 1,
      frequency: '1day',
      seasonLength: 7,
    });
    expect(logger.records.map((r) => [r.level, r.message])).toEqual([
      ['warn', expect.stringMatching(/sort/i)],
      ['info', 'dataset loaded'],
    ]);
  });

  it('takes a frame in memory as it is: no data set, nothing logged', async () => {
    const frame = { series: [], frequency: { unit: 'day', step: 1 }, seasonLength: 7 } as unknown as SeriesFrame;
    expect(await source.load(frame)).toEqual({ frame });
    expect(logger.records).toEqual([]);
  });

  it("reads a job's file only with the bytes the request read, without logging its warnings again", async () => {
    const read = await source.readJob({ dataPath: file, fingerprint: sha256, frequency: 'D' });
    expect(read).toMatchObject({ dataset: { fingerprint: sha256 } });
    expect(logger.records).toEqual([]);
    const changed = await source.readJob({ dataPath: file, fingerprint: 'f'.repeat(64) });
    expect(changed).toEqual({
      error: `'dataPath' ${file} changed since the request read it: sha256 ${sha256}, the request read ${'f'.repeat(64)}`,
    });
  });
});
