/**
 * The classes of problems the reader reports. `unsorted` is a warning; every
 * other class is an error.
 */
export type DataProblemCode =
  | 'header'
  | 'field-count'
  | 'empty-id'
  | 'bad-id'
  | 'bad-date'
  | 'bad-number'
  | 'out-of-range'
  | 'truncated'
  | 'duplicate'
  | 'frequency'
  | 'irregular'
  | 'unsorted';

/** One located problem in an input file; lines and columns are 1-based, the header is line 1. */
export interface DataProblem {
  code: DataProblemCode;
  file: string;
  line: number;
  column: number;
  message: string;
  /** `file:line:column: message`, ready to print. */
  text: string;
}

/**
 * Formats a located problem as `file:line:column: message`, the form editors
 * and terminals link to.
 */
export function formatProblem(file: string, line: number, column: number, message: string): string {
  return `${file}:${line}:${column}: ${message}`;
}
