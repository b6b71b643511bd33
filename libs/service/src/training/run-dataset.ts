import type { SeriesFrame } from '@tsforecast/data';
import type { RunDataset } from '../recording/run-recorder';

/** The data set as runs record it: the sha256 of exactly the bytes parsed, not of the file as it may be now. */
export function runDatasetOf(path: string, frame: SeriesFrame, read: { sha256: string; rows: number }): RunDataset {
  return {
    name: path.split(/[\\/]/).pop() ?? path,
    path,
    fingerprint: read.sha256,
    rowCount: read.rows,
    seriesCount: frame.series.length,
    frequency: `${frame.frequency.step}${frame.frequency.unit}`,
    seasonLength: frame.seasonLength,
  };
}
