import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inject, injectable } from 'inversify';
import { DataError, Settings, TsforecastError } from '@tsforecast/config';
import { SeriesReader, type ReadReport } from '@tsforecast/data';
import { DatasetLookup, TrackingStore, type Dataset } from '@tsforecast/db';
import { runDatasetOf } from './run-dataset';

/** An upload's options: the name its errors show, and the frequency / season length instead of inferring them. */
export interface DatasetUpload {
  /** Shown in error messages (`air.csv:3:5: …`); default `upload.csv`. */
  name?: string;
  frequency?: string;
  seasonLength?: number;
  /** Largest upload in bytes; larger is an {@link UploadTooLargeError}. */
  maxBytes: number;
}

/** A registered data set and what the read of its upload warned about. */
export interface UploadedDataset {
  dataset: Dataset;
  /** Path relative to DATA_DIR (what `POST /jobs` takes as `data`, besides the id). */
  relativePath: string;
  warnings: ReadReport['warnings'];
}

/** The upload exceeded its byte limit (HTTP 413: the status travels on the error, as Fastify's own do). */
export class UploadTooLargeError extends TsforecastError {
  readonly statusCode = 413;
  constructor(message: string) {
    super(message, { exitCode: 2 });
  }
}

/** Where uploads live, under DATA_DIR. */
const uploadFolder = 'datasets';

/**
 * CSV uploads (`POST /datasets`): the bytes stream to a temporary file under
 * `DATA_DIR/datasets/`, are read with the same line-precise checks as
 * `cli train` (the errors name the upload's name, not the temporary file),
 * and only then become `DATA_DIR/datasets/<sha256>.csv` (renamed: never half
 * written) registered in `datasets` under that file name — the name the runs
 * of a job on it register, so they link to the same row. The same content
 * uploaded twice is one file and one row. A refused upload leaves nothing.
 */
@injectable()
export class DatasetUploads {
  constructor(
    @inject(SeriesReader) private readonly reader: SeriesReader,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(DatasetLookup) private readonly lookup: DatasetLookup,
    @inject(Settings) private readonly settings: Pick<Settings, 'DATA_DIR'>,
  ) {}

  async upload(body: Readable, options: DatasetUpload): Promise<UploadedDataset> {
    const folder = resolve(this.settings.DATA_DIR, uploadFolder);
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.upload-${randomUUID()}.tmp`);
    try {
      await pipeline(body, byteLimit(options.maxBytes), createWriteStream(temporary, { flags: 'wx' }));
      const { frame, report } = await this.read(temporary, options);
      const fileName = `${report.fingerprint.sha256}.csv`;
      const path = join(folder, fileName);
      await rename(temporary, path);
      const dataset = await this.tracking.registerDataset(runDatasetOf(path, frame, report));
      const name = options.name ?? 'upload.csv';
      const warnings = report.warnings.map((warning) => ({ ...warning, file: name, text: warning.text.split(temporary).join(name) }));
      return { dataset, relativePath: `${uploadFolder}/${fileName}`, warnings };
    } finally {
      await rm(temporary, { force: true });
    }
  }

  /** Uploaded data sets (registered under their `<sha256>.csv` file name), newest first, among the latest `limit` registered. */
  async listUploaded(limit?: number): Promise<Pick<UploadedDataset, 'dataset' | 'relativePath'>[]> {
    return (await this.lookup.list(limit))
      .filter((dataset) => dataset.name === `${dataset.fingerprint}.csv`)
      .map((dataset) => ({ dataset, relativePath: `${uploadFolder}/${dataset.name}` }));
  }

  private async read(temporary: string, options: DatasetUpload) {
    const name = options.name ?? 'upload.csv';
    try {
      return await this.reader.read(temporary, {
        ...(options.frequency === undefined ? {} : { frequency: options.frequency }),
        ...(options.seasonLength === undefined ? {} : { seasonLength: options.seasonLength }),
      });
    } catch (error) {
      if (error instanceof DataError) throw new DataError(error.message.split(temporary).join(name), { cause: error });
      throw error;
    }
  }
}

/** Passes bytes through until more than `maxBytes` went by, then fails the stream. */
function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new UploadTooLargeError(`the upload exceeds API_UPLOAD_LIMIT (${String(maxBytes)} bytes)`));
      else done(null, chunk);
    },
  });
}
