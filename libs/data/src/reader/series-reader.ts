import type { ReadCsvOptions, ReadCsvResult } from '../csv/read-csv';

/**
 * Reads a dataset file into a validated frame. The service layer depends on
 * this port; {@link dataModule} binds it to the streaming CSV reader.
 */
export const SeriesReader = Symbol('SeriesReader');
export interface SeriesReader {
  /** @throws DataError listing every problem in the file (see docs/DATA.md). */
  read(path: string, options?: ReadCsvOptions): Promise<ReadCsvResult>;
}
