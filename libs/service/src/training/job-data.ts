import { DataError } from '@tsforecast/config';
import type { SeriesFrame, SeriesReader } from '@tsforecast/data';
import type { RunDataset } from '../recording/run-recorder';
import { runDatasetOf } from './run-dataset';

/** Where a queue job's data is: the file and the bytes the request read. */
export interface JobDataRef {
  dataPath: string;
  /** sha256 the request read. */
  fingerprint: string;
  frequency?: string;
  seasonLength?: number;
}

/**
 * Reads a queue job's data file, refusing bytes other than the request read:
 * the frame and its data set record, or the error the job's run fails with.
 */
export async function readJobData(
  reader: SeriesReader,
  ref: JobDataRef,
): Promise<{ frame: SeriesFrame; dataset: RunDataset } | { error: string }> {
  const { frame, report } = await reader.read(ref.dataPath, {
    ...(ref.frequency === undefined ? {} : { frequency: ref.frequency }),
    ...(ref.seasonLength === undefined ? {} : { seasonLength: ref.seasonLength }),
  });
  if (report.fingerprint.sha256 !== ref.fingerprint) {
    const error = new DataError(
      `'dataPath' ${ref.dataPath} changed since the request read it: sha256 ${report.fingerprint.sha256}, the request read ${ref.fingerprint}`,
    );
    return { error: error.message };
  }
  return { frame, dataset: runDatasetOf(ref.dataPath, frame, { sha256: report.fingerprint.sha256, rows: report.rows }) };
}
