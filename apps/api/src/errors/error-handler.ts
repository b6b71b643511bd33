import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redactSecrets, type Logger } from '@tsforecast/config';
import type { ErrorResponse } from '../schemas/error-response';
import { errorStatus } from './error-status';

/**
 * One error shape for every route (and for unknown routes): 4xx say what was
 * wrong; 5xx say only `internal error` and the request id, while the log line
 * with that id holds the message and stack.
 */
export function installErrorHandler(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error, request, reply) => {
    const statusCode = errorStatus(error);
    const message = error instanceof Error ? error.message : String(error);
    if (statusCode >= 500) {
      const stack = error instanceof Error ? error.stack : undefined;
      logger.error(`request ${request.id} failed: ${redactSecrets(message)}`, {
        requestId: request.id,
        method: request.method,
        url: request.url,
        stack: stack === undefined ? undefined : redactSecrets(stack),
      });
    }
    if (statusCode === 401) void reply.header('www-authenticate', 'Bearer');
    const body: ErrorResponse = {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message: statusCode >= 500 ? 'internal error' : redactSecrets(message),
      requestId: request.id,
    };
    return reply.code(statusCode).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorResponse = {
      statusCode: 404,
      error: 'Not Found',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
      requestId: request.id,
    };
    return reply.code(404).send(body);
  });
}

/**
 * Errors Fastify raises before routing (a malformed URL, a path parameter over
 * `maxParamLength`: 400, 414), in the same shape as every other error.
 */
export function respondToFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const statusCode = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400;
  const body: ErrorResponse = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: error.message, requestId: request.id };
  void reply.code(statusCode).send(body);
}
