import { basename } from 'node:path';
import type { ReadReport, SeriesFrame } from '@tsforecast/data';
import type { RunDataset } from '../recording/run-recorder';

/**
 * The data set a run records for a CSV it read: the file name, the path as
 * given, and the sha256 of exactly the bytes parsed (the file as read, not as
 * it may be now).
 */
export function runDatasetOf(path: string, frame: SeriesFrame, report: ReadReport): RunDataset {
  return {
    name: basename(path),
    path,
    fingerprint: report.fingerprint.sha256,
    rowCount: report.rows,
    seriesCount: frame.series.length,
    frequency: `${frame.frequency.step}${frame.frequency.unit}`,
    seasonLength: frame.seasonLength,
  };
}
