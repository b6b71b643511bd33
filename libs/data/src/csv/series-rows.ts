/**
 * The rows of one series as read from the file, before sorting and checks.
 * `line[i]` is the 1-based file line of row i.
 *
 * @internal
 */
export interface SeriesRows {
  id: string;
  ds: number[];
  y: number[];
  line: number[];
  /** One array per exogenous column, in header order. */
  exogenous: number[][];
  /** Whether a row of this series was rejected; such series skip the regularity check. */
  hasRejectedRows: boolean;
}

/** @internal */
export function emptySeriesRows(id: string, exogenousCount: number): SeriesRows {
  return {
    id,
    ds: [],
    y: [],
    line: [],
    exogenous: Array.from({ length: exogenousCount }, () => []),
    hasRejectedRows: false,
  };
}
