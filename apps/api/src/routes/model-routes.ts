import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Container } from 'inversify';
import { ModelVersionRegistry, type ModelVersionDetail } from '@tsforecast/service';
import { authErrorResponses, ErrorResponse } from '../schemas/error-response';
import { ModelListResponse, ModelVersionParams, ModelVersionResponse, StageChangeRequest, StageChangeResponse } from '../schemas/models';

type StageChangeRow = ModelVersionDetail['stageChanges'][number];

/** The promote body is one small JSON object. */
const stageBodyLimit = 1024;

/**
 * The model registry: names with versions and stages (`read`), one version
 * with its stage history (`read`), and moving a version to a stage (`admin`;
 * the token's subject is recorded as who did it).
 */
export function modelRoutes(container: Container): FastifyPluginAsync {
  const registry = container.get(ModelVersionRegistry);
  return async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/models',
      {
        config: { access: 'read' },
        schema: {
          summary: 'Model names with their versions and stages',
          tags: ['registry'],
          response: { 200: ModelListResponse, ...authErrorResponses },
        },
      },
      async () => {
        const models = await registry.listModels();
        return {
          models: models.map(({ name, versions }) => ({
            name,
            versions: versions.map((v) => ({ id: v.id, version: v.version, stage: v.stage, createdAt: v.createdAt.toISOString() })),
          })),
        };
      },
    );
    app.get(
      '/models/:name/versions/:version',
      {
        config: { access: 'read' },
        schema: {
          summary: 'One model version with its stage history',
          tags: ['registry'],
          params: ModelVersionParams,
          response: { 200: ModelVersionResponse, 404: ErrorResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request) => versionResponse(await registry.describe(`${request.params.name}@${request.params.version}`)),
    );
    app.post(
      '/models/:name/versions/:version/stage',
      {
        config: { access: 'admin' },
        bodyLimit: stageBodyLimit,
        schema: {
          summary: 'Move a version to a stage (promoting to production archives the current production version)',
          tags: ['registry'],
          params: ModelVersionParams,
          body: StageChangeRequest,
          response: {
            200: StageChangeResponse,
            404: ErrorResponse,
            409: ErrorResponse,
            413: ErrorResponse,
            422: ErrorResponse,
            ...authErrorResponses,
          },
        },
      },
      async (request) => {
        const ref = `${request.params.name}@${request.params.version}`;
        const outcome = await registry.promote(ref, request.body.stage, request.principal?.subject ?? 'unknown');
        const detail = await registry.describe(outcome.model.id);
        return { model: versionResponse(detail), changes: outcome.changes.map(stageChangeResponse) };
      },
    );
  };
}

function versionResponse({ model, stageChanges }: ModelVersionDetail): ModelVersionResponse {
  return {
    id: model.id,
    name: model.name,
    version: model.version,
    stage: model.stage,
    runId: model.runId,
    sizeBytes: model.sizeBytes,
    sha256: model.sha256,
    hyperparameters: model.hyperparameters,
    metadata: model.metadata,
    createdAt: model.createdAt.toISOString(),
    stageChanges: stageChanges.map(stageChangeResponse),
  };
}

function stageChangeResponse(change: StageChangeRow): ModelVersionResponse['stageChanges'][number] {
  return { modelId: change.modelId, from: change.fromStage, to: change.toStage, by: change.changedBy, at: change.changedAt.toISOString() };
}
