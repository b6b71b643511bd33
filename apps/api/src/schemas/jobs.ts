import { Type, type Static } from '@sinclair/typebox';
import { NameText } from './error-response';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()]);
const JobState = Type.Union([
  Type.Literal('queued'),
  Type.Literal('running'),
  Type.Literal('completed'),
  Type.Literal('failed'),
  Type.Literal('cancelled'),
]);

/** A hyperparameter search per model × horizon (as `cli train --search`). */
const Search = Type.Object(
  {
    sampler: Type.Union([Type.Literal('tpe'), Type.Literal('random'), Type.Literal('grid')], { default: 'tpe' }),
    trials: Type.Integer({ minimum: 1, maximum: 10000 }),
    timeoutSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    pruner: Type.Union([Type.Literal('median'), Type.Literal('sha'), Type.Literal('none')], { default: 'median' }),
    seed: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

/** `POST /jobs`: what `cli train` takes, with the data as a path under DATA_DIR or an uploaded data set's id. */
export const JobRequest = Type.Object(
  {
    data: NameText({ maxLength: 1000, description: 'a path relative to DATA_DIR, or the id of a data set from POST /datasets' }),
    models: Type.Array(NameText({ maxLength: 100 }), { minItems: 1, maxItems: 50, description: 'model names, as GET /models lists' }),
    horizons: Type.Array(Type.Integer({ minimum: 1, maximum: 10000 }), { minItems: 1, maxItems: 20 }),
    experiment: NameText({ maxLength: 200 }),
    frequency: Type.Optional(NameText({ maxLength: 20, description: "e.g. 'H', '15min', 'D'; inferred when absent" })),
    seasonLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    overrides: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Array(Type.Number())]), {
        description: 'hyperparameters for every model that has them, e.g. { "maxSteps": 20 }',
      }),
    ),
    search: Type.Optional(Search),
  },
  { additionalProperties: false },
);
export type JobRequest = Static<typeof JobRequest>;

const JobRun = Type.Object(
  {
    jobId: Type.String({ format: 'uuid' }),
    model: Type.String(),
    horizon: Type.Integer(),
    status: JobState,
    runId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    attempts: Type.Integer({ minimum: 0 }),
    error: Type.Union([Type.String(), Type.Null()]),
    metrics: Type.Union([Type.Record(Type.String(), Type.Number()), Type.Null()]),
    modelRef: Type.Union([Type.String(), Type.Null()], { description: 'name@version of the model version the run registered' }),
    progress: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
    stepsPerSecond: Nullable(Type.Number()),
    etaSeconds: Nullable(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** A training job: its state derived from its queue jobs, progress, and one entry per model × horizon. */
export const JobResponse = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    experiment: Type.String(),
    state: JobState,
    createdBy: Type.String(),
    createdAt: DateTime,
    cancelledAt: Type.Union([DateTime, Type.Null()]),
    datasetId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    request: Type.Record(Type.String(), Type.Unknown(), { description: 'the request as submitted' }),
    progress: Type.Object(
      {
        runsDone: Type.Integer({ minimum: 0 }),
        runsTotal: Type.Integer({ minimum: 1 }),
        current: Type.Array(Type.String(), { description: "'MODEL h=H' of the runs running now" }),
        stepsPerSecond: Nullable(Type.Number()),
        etaSeconds: Nullable(Type.Number({ minimum: 0 })),
      },
      { additionalProperties: false },
    ),
    runs: Type.Array(JobRun),
  },
  { additionalProperties: false },
);
export type JobResponse = Static<typeof JobResponse>;

/** `POST /jobs` → 202: the job's id and where to poll it. */
export const JobAccepted = Type.Object(
  { id: Type.String({ format: 'uuid' }), status: JobState, location: Type.String() },
  { additionalProperties: false },
);

export const JobParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const JobListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
});

/** `GET /jobs`: newest first; `nextCursor` fetches the next page (null on the last). */
export const JobListResponse = Type.Object(
  { jobs: Type.Array(JobResponse), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
