import { DataError, UsageError } from '@tsforecast/config';
import type { Frequency } from '../frame/frequency';
import type { SeriesFrame } from '../frame/series-frame';
import { parseFrequency } from '../frequency/parse-frequency';
import type { DataProblem } from '../validation/data-problem';
import { ProblemCollector } from '../validation/problem-collector';
import { assembleFrame } from './assemble-frame';
import { CsvSyntaxError, csvRecords } from './csv-records';
import { FileText, type FileFingerprint, type FileTextHooks } from './file-text';
import { locateColumns, REQUIRED_COLUMNS, RowCollector } from './row-collector';

/** Options of {@link readCsv}. */
export interface ReadCsvOptions {
  /** The frequency, instead of inferring it: a {@link Frequency} or text such as `'H'`, `'15min'`, `'monthly'`. */
  frequency?: Frequency | string;
  /** Season length `m`, instead of the frequency's default. */
  seasonLength?: number;
  /** Problems listed per class in the error before counting the rest (default 20). */
  maxProblemsPerClass?: number;
  /** Stop reading at this many problems and report them (default 1000). */
  maxErrors?: number;
}

/** What a read found besides the data. */
export interface ReadReport {
  file: string;
  /** Data rows read (header excluded). */
  rows: number;
  /** Whether the frequency was inferred or given in the options. */
  frequencySource: 'inferred' | 'given';
  /** Problems that did not stop the read (e.g. unsorted rows); the caller logs them. */
  warnings: DataProblem[];
  /** sha256, size and mtime of exactly the bytes parsed. */
  fingerprint: FileFingerprint;
}

/** The frame read from a file and the report of the read. */
export interface ReadCsvResult {
  frame: SeriesFrame;
  report: ReadReport;
}

function checkPositiveInteger(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
    throw new UsageError(`'${name}' must be an integer >= 1, got ${value}`);
  }
}

function checkedFrequency(value: Frequency | string | undefined): Frequency | undefined {
  if (value === undefined || typeof value === 'string') return value === undefined ? undefined : parseFrequency(value);
  if (!Number.isSafeInteger(value.step) || value.step < 1) {
    throw new UsageError(`'frequency.step' must be an integer >= 1, got ${value.step}`);
  }
  return value;
}

/**
 * Reads a long-format CSV (`unique_id,ds,y` plus optional numeric exogenous
 * columns, in any order, header required) into a validated {@link SeriesFrame}.
 * The file is parsed as a stream, row by row. The problems in the file (up to
 * `maxErrors`) are collected and thrown together as one {@link DataError} whose
 * lines read `file:line:column: message` (see docs/DATA.md for the classes);
 * unsorted rows are sorted and reported in `report.warnings`. The bytes must
 * be UTF-8 without NUL, and the file must not change while it is read;
 * `report.fingerprint` identifies the bytes parsed.
 *
 * Empty exogenous cells are read as NaN (missing); an empty `y` is an error.
 *
 * @throws DataError for a missing or unreadable file, an empty file, or invalid data.
 * @throws UsageError for invalid options.
 * @param hooks test seams, @internal
 * @example
 * const { frame, report } = await readCsv('data/air_passengers/train.csv');
 * report.warnings.forEach((w) => logger.warn(w.text));
 */
export async function readCsv(path: string, options: ReadCsvOptions = {}, hooks: FileTextHooks = {}): Promise<ReadCsvResult> {
  const frequency = checkedFrequency(options.frequency);
  checkPositiveInteger('seasonLength', options.seasonLength);
  checkPositiveInteger('maxProblemsPerClass', options.maxProblemsPerClass);
  checkPositiveInteger('maxErrors', options.maxErrors);
  const capPerClass = options.maxProblemsPerClass ?? 20;
  const problems = new ProblemCollector(path, { capPerClass, maxErrors: options.maxErrors ?? 1000 });
  const warnings = new ProblemCollector(path, { capPerClass });

  const source = new FileText(path, hooks);
  let rows: RowCollector | undefined;
  try {
    for await (const batch of csvRecords(source.chunks())) {
      for (const { fields, line, unterminated } of batch) {
        if (rows !== undefined) {
          rows.add(fields, line, unterminated === true);
          continue;
        }
        const header = fields.map((name) => name.trim());
        const columns = locateColumns(header, problems);
        problems.throwIfAny();
        rows = new RowCollector(header, columns, problems);
      }
    }
  } catch (error) {
    throw asReadError(path, error);
  }

  if (rows === undefined) throw new DataError(`${path}: the file is empty; expected a header line '${REQUIRED_COLUMNS.join(',')}'`);
  if (rows.rows === 0) throw new DataError(`${path}: no data rows after the header (line 1)`);
  const exogenousNames = rows.columns.exogenous.map((column) => rows!.header[column]!);
  const { frequencySource, ...frame } = assembleFrame(
    [...rows.series.values()],
    { ds: rows.columns.ds, exogenousNames },
    problems,
    warnings,
    {
      frequency,
      seasonLength: options.seasonLength,
    },
  );
  problems.throwIfAny();
  const fingerprint = source.fingerprint!;
  return { frame, report: { file: path, rows: rows.rows, frequencySource, warnings: warnings.list(), fingerprint } };
}

/** Maps a stream or parser failure to a DataError naming the file. */
function asReadError(path: string, error: unknown): unknown {
  if (error instanceof DataError) return error;
  if (error instanceof CsvSyntaxError) {
    return new DataError(`${path}:${error.line}:${error.column}: CSV syntax error: ${error.message}`, { cause: error });
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined) {
    return new DataError(`cannot read data file '${path}': ${(error as Error).message}`, { cause: error });
  }
  return error;
}
