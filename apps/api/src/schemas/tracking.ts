import { Type, type Static } from '@sinclair/typebox';
import { runKinds, runStatuses } from '@tsforecast/service';
import { NameText } from './error-response';

const DateTime = Type.String({ format: 'date-time' });
const Metrics = Type.Record(Type.String(), Type.Number(), { description: 'run-level scores, e.g. { "mae": 12.3 }' });

export const ExperimentSummary = Type.Object(
  { id: Type.String({ format: 'uuid' }), name: Type.String(), description: Type.Union([Type.String(), Type.Null()]), createdAt: DateTime },
  { additionalProperties: false },
);

/** `GET /experiments`: newest first. */
export const ExperimentListResponse = Type.Object({ experiments: Type.Array(ExperimentSummary) }, { additionalProperties: false });

/** One ranked run of a horizon's leaderboard (`scoreIsFinite: false` ranks last and is never "best"). */
const LeaderboardRow = Type.Object(
  {
    rank: Type.Integer({ minimum: 1 }),
    model: Type.String(),
    runId: Type.String({ format: 'uuid' }),
    metrics: Metrics,
    scoreIsFinite: Type.Boolean(),
    startedAt: DateTime,
  },
  { additionalProperties: false },
);

/** `GET /experiments/:id`: the experiment and its leaderboard per horizon (every completed train run ever recorded). */
export const ExperimentResponse = Type.Object(
  {
    experiment: ExperimentSummary,
    rankBy: Type.String(),
    leaderboard: Type.Array(
      Type.Object({ horizon: Type.Integer({ minimum: 1 }), runs: Type.Array(LeaderboardRow) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type ExperimentResponse = Static<typeof ExperimentResponse>;

export const ExperimentParams = Type.Object({ id: NameText({ maxLength: 200, description: 'experiment id or name' }) });
export const ExperimentQuery = Type.Object({
  rankBy: Type.Optional(NameText({ maxLength: 50, description: 'metric, default mae' })),
});

const RunFields = {
  id: Type.String({ format: 'uuid' }),
  experimentId: Type.String({ format: 'uuid' }),
  datasetId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  modelName: Type.String(),
  horizon: Type.Integer({ minimum: 1 }),
  kind: Type.String(),
  status: Type.String(),
  parameters: Type.Record(Type.String(), Type.Unknown()),
  startedAt: DateTime,
  endedAt: Type.Union([DateTime, Type.Null()]),
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
  errorMessage: Type.Union([Type.String(), Type.Null()]),
};

export const RunSummary = Type.Object(RunFields, { additionalProperties: false });

/** `GET /runs`: one page, newest first; `nextCursor` fetches the next page (null on the last). */
export const RunListResponse = Type.Object(
  { runs: Type.Array(RunSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

export const RunListQuery = Type.Object({
  experiment: Type.Optional(NameText({ maxLength: 200, description: 'experiment name or id' })),
  status: Type.Optional(Type.Union(runStatuses.map((status) => Type.Literal(status)))),
  model: Type.Optional(NameText({ maxLength: 200 })),
  kind: Type.Optional(Type.Union(runKinds.map((kind) => Type.Literal(kind)))),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
});
export type RunListQuery = Static<typeof RunListQuery>;

/** The model version a run registered: `name@version` and its registry stage. */
const RunModelVersion = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    ref: Type.String({ description: 'name@version' }),
    stage: Type.Union([Type.Literal('none'), Type.Literal('staging'), Type.Literal('production'), Type.Literal('archived')]),
  },
  { additionalProperties: false },
);

/** `GET /runs/:id`: the run with its run-level metrics and the model version it registered (null if none). */
export const RunResponse = Type.Object(
  { ...RunFields, metrics: Metrics, modelVersion: Type.Union([RunModelVersion, Type.Null()]) },
  { additionalProperties: false },
);

export const RunParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** `GET /runs/:id/predictions`: per series (and cutoff, for cross-validation windows) the dates, values and interval bounds. */
export const RunPredictionsResponse = Type.Object(
  {
    runId: Type.String({ format: 'uuid' }),
    series: Type.Array(
      Type.Object(
        {
          uniqueId: Type.String(),
          cutoff: Type.Union([DateTime, Type.Null()]),
          ds: Type.Array(DateTime),
          value: Type.Array(Type.Number()),
          quantiles: Type.Record(Type.String(), Type.Array(Type.Union([Type.Number(), Type.Null()])), {
            description: 'interval bounds by name (lo-80, hi-95, …), aligned with ds; null where a row lacks one',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RunPredictionsResponse = Static<typeof RunPredictionsResponse>;
