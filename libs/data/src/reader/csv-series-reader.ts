import { injectable } from 'inversify';
import { readCsv, type ReadCsvOptions, type ReadCsvResult } from '../csv/read-csv';
import type { SeriesReader } from './series-reader';

/** {@link SeriesReader} for long-format CSV files, via {@link readCsv}. */
@injectable()
export class CsvSeriesReader implements SeriesReader {
  read(path: string, options?: ReadCsvOptions): Promise<ReadCsvResult> {
    return readCsv(path, options);
  }
}
