import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Container } from 'inversify';
import { StudyQueries } from '@tsforecast/service';
import { authErrorResponses, ErrorResponse } from '../schemas/error-response';
import { StudyParams, StudyResponse } from '../schemas/studies';

/** `GET /studies/:id` (scope `read`): a hyperparameter study by id or name, its trials and its best trial. */
export function studyRoutes(container: Container): FastifyPluginAsync {
  const studies = container.get(StudyQueries);
  return async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/studies/:id',
      {
        config: { access: 'read' },
        schema: {
          summary: 'A hyperparameter study: trials (number, state, value, params, run) and the best',
          tags: ['training'],
          params: StudyParams,
          response: { 200: StudyResponse, 404: ErrorResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request) => {
        const study = await studies.get(request.params.id);
        const trial = (t: (typeof study.trials)[number]) => ({
          ...t,
          startedAt: t.startedAt.toISOString(),
          completedAt: t.completedAt === null ? null : t.completedAt.toISOString(),
        });
        return {
          ...study,
          createdAt: study.createdAt.toISOString(),
          trials: study.trials.map(trial),
          best: study.best === null ? null : trial(study.best),
        };
      },
    );
  };
}
