import { Type, type Static } from '@sinclair/typebox';
import { NameText } from './error-response';

const Stage = Type.Union([Type.Literal('none'), Type.Literal('staging'), Type.Literal('production'), Type.Literal('archived')]);

/** A version as listed under its name. */
export const ModelVersionSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    version: Type.Integer({ minimum: 1 }),
    stage: Stage,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** `GET /models`: every name with its versions (newest first) and their stages. */
export const ModelListResponse = Type.Object(
  { models: Type.Array(Type.Object({ name: Type.String(), versions: Type.Array(ModelVersionSummary) }, { additionalProperties: false })) },
  { additionalProperties: false },
);

/** One audit row: who moved the version, when, from which stage to which. */
export const StageChange = Type.Object(
  {
    modelId: Type.String({ format: 'uuid' }),
    from: Stage,
    to: Stage,
    by: Type.String(),
    at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** `GET /models/:name/versions/:version`: the version, what it was trained with, and its stage history. */
export const ModelVersionResponse = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    version: Type.Integer({ minimum: 1 }),
    stage: Stage,
    runId: Type.String({ format: 'uuid' }),
    sizeBytes: Type.Integer({ minimum: 0 }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    hyperparameters: Type.Record(Type.String(), Type.Unknown()),
    metadata: Type.Record(Type.String(), Type.Unknown()),
    createdAt: Type.String({ format: 'date-time' }),
    stageChanges: Type.Array(StageChange),
  },
  { additionalProperties: false },
);
export type ModelVersionResponse = Static<typeof ModelVersionResponse>;

/** Path of one version: the name, and a version number or `production` / `staging`. */
export const ModelVersionParams = Type.Object({
  name: NameText({ maxLength: 200 }),
  version: Type.Union([Type.String({ pattern: '^[1-9][0-9]{0,8}$' }), Type.Literal('production'), Type.Literal('staging')], {
    description: 'a version number, or production / staging',
  }),
});
export type ModelVersionParams = Static<typeof ModelVersionParams>;

/** `POST /models/:name/versions/:version/stage` body. */
export const StageChangeRequest = Type.Object(
  { stage: Type.Union([Type.Literal('staging'), Type.Literal('production'), Type.Literal('archived')]) },
  { additionalProperties: false },
);
export type StageChangeRequest = Static<typeof StageChangeRequest>;

/** The version after the change, and the audit rows written (the archived former production version's too). */
export const StageChangeResponse = Type.Object(
  { model: ModelVersionResponse, changes: Type.Array(StageChange) },
  { additionalProperties: false },
);
