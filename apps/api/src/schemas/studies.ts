import { Type } from '@sinclair/typebox';
import { NameText } from './error-response';

const DateTime = Type.String({ format: 'date-time' });

const Trial = Type.Object(
  {
    number: Type.Integer({ minimum: 0 }),
    state: Type.Union([Type.Literal('running'), Type.Literal('complete'), Type.Literal('pruned'), Type.Literal('failed')]),
    value: Type.Union([Type.Number(), Type.Null()], { description: 'the objective (validation MAE); null unless complete' }),
    params: Type.Record(Type.String(), Type.Unknown(), { description: '{ name: { value, distribution } } as sampled' }),
    runId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    startedAt: DateTime,
    completedAt: Type.Union([DateTime, Type.Null()]),
  },
  { additionalProperties: false },
);

/** `GET /studies/:id`: the study, its trials by number and the best complete trial. */
export const StudyResponse = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    direction: Type.Union([Type.Literal('minimize'), Type.Literal('maximize')]),
    sampler: Type.Record(Type.String(), Type.Unknown()),
    pruner: Type.Record(Type.String(), Type.Unknown()),
    createdAt: DateTime,
    trials: Type.Array(Trial),
    best: Type.Union([Trial, Type.Null()]),
  },
  { additionalProperties: false },
);

export const StudyParams = Type.Object({
  id: NameText({ maxLength: 300, description: 'study id, or its name URL-encoded (e.g. air%2FNHITS%2Fh12)' }),
});
