import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Container } from 'inversify';
import type { Readable } from 'node:stream';
import { Settings } from '@tsforecast/config';
import { DatasetUploads, UploadTooLargeError } from '@tsforecast/service';
import { authErrorResponses, ErrorResponse } from '../schemas/error-response';
import { DatasetCreated, DatasetCsv, DatasetListQuery, DatasetListResponse, DatasetUploadQuery } from '../schemas/datasets';

const csvType = 'text/csv';

type Uploaded = Awaited<ReturnType<DatasetUploads['upload']>>;

/**
 * `POST /datasets` (scope `train`): a CSV body streamed to `DATA_DIR/datasets/`,
 * read with the CLI's line-precise checks (422 `name:line:column: …`), and
 * registered; at most `API_UPLOAD_LIMIT` bytes (413). `GET /datasets` (scope
 * `read`) lists the registered ones.
 */
export function datasetRoutes(container: Container): FastifyPluginAsync {
  const uploads = container.get(DatasetUploads);
  const settings = container.get<Settings>(Settings);
  return async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    // The body stays a stream: the upload service writes it to disk as it arrives.
    app.addContentTypeParser(csvType, (_request, payload, done) => done(null, payload));
    app.post(
      '/datasets',
      {
        config: { access: 'train' },
        // Before any body parser runs: another type (JSON, a form) would be parsed into memory first.
        onRequest: async (request) => {
          const type = request.headers['content-type'] ?? '';
          if (type.split(';')[0]!.trim().toLowerCase() !== csvType) {
            throw Object.assign(new Error(`POST /datasets takes a ${csvType} body, got content-type '${type}'`), { statusCode: 415 });
          }
        },
        schema: {
          summary: 'Upload a long-format CSV (text/csv) and register it as a data set',
          tags: ['training'],
          querystring: DatasetUploadQuery,
          body: { content: { [csvType]: { schema: DatasetCsv } } },
          response: {
            201: DatasetCreated,
            400: ErrorResponse,
            413: ErrorResponse,
            415: ErrorResponse,
            422: ErrorResponse,
            ...authErrorResponses,
          },
        },
      },
      async (request, reply) => {
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > settings.API_UPLOAD_LIMIT) {
          throw new UploadTooLargeError(
            `the upload (${String(declared)} bytes) exceeds API_UPLOAD_LIMIT (${String(settings.API_UPLOAD_LIMIT)} bytes)`,
          );
        }
        const uploaded = await uploads.upload(request.body as Readable, { ...request.query, maxBytes: settings.API_UPLOAD_LIMIT });
        return reply
          .code(201)
          .send({ ...datasetOf(uploaded), warnings: uploaded.warnings.map((w) => ({ line: w.line, message: w.text })) });
      },
    );
    app.get(
      '/datasets',
      {
        config: { access: 'read' },
        schema: {
          summary: 'Uploaded data sets, newest first',
          tags: ['training'],
          querystring: DatasetListQuery,
          response: { 200: DatasetListResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request) => ({ datasets: (await uploads.listUploaded(request.query.limit)).map(datasetOf) }),
    );
  };
}

function datasetOf({ dataset, relativePath }: Pick<Uploaded, 'dataset' | 'relativePath'>) {
  return {
    id: dataset.id,
    name: dataset.name,
    path: relativePath,
    fingerprint: dataset.fingerprint,
    rows: dataset.rowCount,
    series: dataset.seriesCount,
    frequency: dataset.frequency,
    seasonLength: dataset.seasonLength,
    createdAt: dataset.createdAt.toISOString(),
  };
}
