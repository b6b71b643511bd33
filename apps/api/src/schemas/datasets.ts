import { Type } from '@sinclair/typebox';
import { NameText } from './error-response';

/** `POST /datasets` body: the long-format CSV (`unique_id,ds,y`), streamed to disk (not validated as JSON). */
export const DatasetCsv = Type.Unknown({ description: 'long-format CSV: unique_id,ds,y (extra columns are exogenous)' });

export const DatasetUploadQuery = Type.Object({
  name: Type.Optional(NameText({ maxLength: 200, description: 'the name error messages show (default upload.csv)' })),
  frequency: Type.Optional(NameText({ maxLength: 20, description: "e.g. 'H'; inferred when absent" })),
  seasonLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});

const Warning = Type.Object({ line: Type.Integer(), message: Type.String() }, { additionalProperties: false });

/** A registered data set. */
export const DatasetResponse = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    path: Type.String({ description: 'relative to DATA_DIR: what POST /jobs takes as data (besides the id)' }),
    fingerprint: Type.String({ description: 'sha256 of the bytes' }),
    rows: Type.Integer({ minimum: 0 }),
    series: Type.Integer({ minimum: 0 }),
    frequency: Type.Union([Type.String(), Type.Null()]),
    seasonLength: Type.Union([Type.Integer(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** `POST /datasets` → 201: the data set and what the read warned about (unsorted rows …). */
export const DatasetCreated = Type.Object(
  { ...DatasetResponse.properties, warnings: Type.Array(Warning) },
  { additionalProperties: false },
);

/** `GET /datasets`: registered data sets whose file is under DATA_DIR, newest first. */
export const DatasetListResponse = Type.Object({ datasets: Type.Array(DatasetResponse) }, { additionalProperties: false });

export const DatasetListQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) });
