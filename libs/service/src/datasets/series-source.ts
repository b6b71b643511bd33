import { inject, injectable } from 'inversify';
import { DataError, Logger } from '@tsforecast/config';
import { SeriesReader, type ReadReport, type SeriesFrame } from '@tsforecast/data';
import type { RunDataset } from '../recording/run-recorder';
import { runDatasetOf } from './run-dataset';

/** How to read a CSV: the frequency and season length instead of inferred ones. */
export type SeriesReadOptions = Parameters<SeriesReader['read']>[1];

/** A CSV read for runs: the frame, the data set the runs record, and the read's report. */
export interface ReadSeries {
  frame: SeriesFrame;
  dataset: RunDataset;
  report: ReadReport;
}

/** Where a queue job's data is: the file and the bytes the request read. */
export interface JobDataRef {
  dataPath: string;
  /** sha256 the request read. */
  fingerprint: string;
  frequency?: string;
  seasonLength?: number;
}

/**
 * The one way the use cases get their series: a CSV read through the
 * {@link SeriesReader} together with the data set its runs record (the sha256
 * of exactly the bytes parsed, see {@link runDatasetOf}), or a frame in memory
 * (the API's JSON), which records no data set.
 *
 * @example
 * const { frame, dataset } = await container.get(SeriesSource).load('air.csv');
 */
@injectable()
export class SeriesSource {
  constructor(
    @inject(SeriesReader) private readonly reader: SeriesReader,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  /** Reads a CSV and the data set its runs record; the caller decides what to do with the report's warnings. */
  async read(path: string, options?: SeriesReadOptions): Promise<ReadSeries> {
    const { frame, report } = await this.reader.read(path, options);
    return { frame, dataset: runDatasetOf(path, frame, report), report };
  }

  /** A request's data: a CSV is read (its warnings and what it holds logged), a frame in memory is taken as it is. */
  async load(data: string, options?: SeriesReadOptions): Promise<ReadSeries>;
  async load(data: string | SeriesFrame, options?: SeriesReadOptions): Promise<{ frame: SeriesFrame; dataset?: RunDataset }>;
  async load(data: string | SeriesFrame, options?: SeriesReadOptions): Promise<{ frame: SeriesFrame; dataset?: RunDataset }> {
    if (typeof data !== 'string') return { frame: data };
    const read = await this.read(data, options);
    const { frame, report } = read;
    for (const warning of report.warnings)
      this.logger.warn(warning.message, { file: warning.file, line: warning.line, code: warning.code });
    this.logger.info('dataset loaded', {
      file: data,
      series: frame.series.length,
      rows: report.rows,
      frequency: frame.frequency,
      seasonLength: frame.seasonLength,
    });
    return read;
  }

  /**
   * A queue job's data file, refusing bytes other than the request read: the
   * frame and its data set, or the error the job's run fails with. The request
   * logged the file's warnings already.
   */
  async readJob(ref: JobDataRef): Promise<{ frame: SeriesFrame; dataset: RunDataset } | { error: string }> {
    const { frame, dataset } = await this.read(ref.dataPath, {
      ...(ref.frequency === undefined ? {} : { frequency: ref.frequency }),
      ...(ref.seasonLength === undefined ? {} : { seasonLength: ref.seasonLength }),
    });
    if (dataset.fingerprint !== ref.fingerprint) {
      const error = new DataError(
        `'dataPath' ${ref.dataPath} changed since the request read it: sha256 ${dataset.fingerprint}, the request read ${ref.fingerprint}`,
      );
      return { error: error.message };
    }
    return { frame, dataset };
  }
}
