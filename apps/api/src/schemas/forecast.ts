import { Type, type Static } from '@sinclair/typebox';

/** Bounds that keep one request's validation cheap; the body limit (`FORECAST_BODY_LIMIT`) bounds the whole. */
const maxPoints = 100_000;

const Level = Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 100, description: 'prediction-interval level in %, e.g. 80' });

/** One history to forecast from. */
export const ForecastSeries = Type.Object(
  {
    unique_id: Type.String({ minLength: 1, maxLength: 200 }),
    ds: Type.Array(Type.String({ maxLength: 40 }), {
      maxItems: maxPoints,
      description: 'timestamps, one step of the model frequency apart: YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DDTHH:MM[:SS][Z]',
    }),
    y: Type.Array(Type.Number(), { maxItems: maxPoints, description: 'values, as many as ds' }),
  },
  { additionalProperties: false },
);

/** `POST /forecast` JSON body. */
export const ForecastRequest = Type.Object(
  {
    model: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'a model version id, NAME@VERSION, NAME@production, NAME@staging or NAME (latest version)',
    }),
    series: Type.Array(ForecastSeries, { minItems: 1, maxItems: 100_000 }),
    level: Type.Optional(Type.Array(Level, { minItems: 1, maxItems: 10, description: 'default: every level the model has' })),
  },
  { additionalProperties: false },
);
export type ForecastRequest = Static<typeof ForecastRequest>;

/** Query of `POST /forecast`: the model and levels of a `text/csv` body (a JSON body names them itself). */
export const ForecastQuery = Type.Object(
  {
    model: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'required with a text/csv body' })),
    level: Type.Optional(
      Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?(,[0-9]+(\\.[0-9]+)?)*$', description: 'comma-separated, e.g. 80,95' }),
    ),
  },
  { additionalProperties: false },
);
export type ForecastQuery = Static<typeof ForecastQuery>;

/** `text/csv` body: a header with `unique_id,ds,y`, one row per point. */
export const ForecastCsv = Type.String({ description: 'unique_id,ds,y rows' });

/** One series' forecast; `lo-<level>` and `hi-<level>` arrays beside `y_hat` when the model has quantiles. */
export const SeriesForecastResponse = Type.Object(
  {
    unique_id: Type.String(),
    ds: Type.Array(Type.String()),
    y_hat: Type.Array(Type.Number()),
  },
  { additionalProperties: Type.Array(Type.Number()), description: 'plus lo-<level> / hi-<level> arrays' },
);

/** `POST /forecast` JSON answer. */
export const ForecastResponse = Type.Object(
  {
    model: Type.String({ description: 'the version that forecast, NAME@VERSION' }),
    forecasts: Type.Array(SeriesForecastResponse),
  },
  { additionalProperties: false },
);
