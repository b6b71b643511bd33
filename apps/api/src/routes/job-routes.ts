import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Container } from 'inversify';
import { TrainingJobService, type TrainingJobView } from '@tsforecast/service';
import { authErrorResponses, ErrorResponse } from '../schemas/error-response';
import { JobAccepted, JobListQuery, JobListResponse, JobParams, JobRequest, JobResponse } from '../schemas/jobs';

/**
 * Training jobs: `POST /jobs` (scope `train`) checks the request like `cli
 * train` (400/404/422 before anything is queued) and answers 202 with the id;
 * workers (the API's own, `API_LOCAL_WORKERS`, or `cli worker`s) run it.
 * `GET /jobs[/:id]` (scope `read`) shows state, progress, ETA and runs;
 * `DELETE /jobs/:id` (scope `train`) cancels it (409 once ended).
 */
export function jobRoutes(container: Container): FastifyPluginAsync {
  const jobs = container.get(TrainingJobService);
  return async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/jobs',
      {
        config: { access: 'train' },
        schema: {
          summary: 'Submit a training job (every model × horizon); poll GET /jobs/:id',
          tags: ['training'],
          body: JobRequest,
          response: { 202: JobAccepted, 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request, reply) => {
        const job = await jobs.submit(request.body, request.principal?.subject ?? 'unknown');
        const location = `/jobs/${job.id}`;
        return reply.code(202).header('location', location).send({ id: job.id, status: job.state, location });
      },
    );
    app.get(
      '/jobs',
      {
        config: { access: 'read' },
        schema: {
          summary: 'Training jobs, newest first; cursor pagination',
          tags: ['training'],
          querystring: JobListQuery,
          response: { 200: JobListResponse, 400: ErrorResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query;
        // One more than the page: whether it exists says if there is a next page.
        const page = await jobs.list({ limit: limit + 1, ...(cursor === undefined ? {} : { after: cursor }) });
        const shown = page.slice(0, limit);
        return { jobs: shown.map(jobResponse), nextCursor: page.length > limit ? shown[shown.length - 1]!.id : null };
      },
    );
    app.get(
      '/jobs/:id',
      {
        config: { access: 'read' },
        schema: {
          summary: 'A training job: state, progress (runs done, current models, steps/s, ETA) and its runs',
          tags: ['training'],
          params: JobParams,
          response: { 200: JobResponse, 404: ErrorResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request) => jobResponse(await jobs.get(request.params.id)),
    );
    app.delete(
      '/jobs/:id',
      {
        config: { access: 'train' },
        schema: {
          summary: 'Cancel a training job: waiting runs never start, running fits stop at their next step',
          tags: ['training'],
          params: JobParams,
          response: { 202: JobResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request, reply) => reply.code(202).send(jobResponse(await jobs.cancel(request.params.id))),
    );
  };
}

function jobResponse(job: TrainingJobView): JobResponse {
  return {
    ...job,
    createdAt: job.createdAt.toISOString(),
    cancelledAt: job.cancelledAt === null ? null : job.cancelledAt.toISOString(),
    request: { ...job.request },
  };
}
