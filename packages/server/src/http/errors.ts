import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type IssueLike, reasonOfIssue, statusOf } from '../errors.ts';

/** Maps every error to `{error: {code, message, path?}}`; unknown ones become a bare 500 and are logged. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(statusOf(error.code)).send({
        error: { code: error.code, message: error.message, path: error.path, ...error.details },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const where = error.validationContext ?? 'body';
      const field = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
      const path = [where === 'querystring' ? 'query' : where, field].filter(Boolean).join('.');
      // The validator hands over each zod issue as `keyword` (its code) and `params` (the rest of it).
      const params = first?.params as
        | (IssueLike & { keys?: string[]; issue?: { keys?: string[] } })
        | undefined;
      const issue: IssueLike = { ...params, code: first?.keyword };
      const key = params?.keys ?? params?.issue?.keys;
      const detail = key?.length ? `unknown field ${key.join(', ')}` : (first?.message ?? 'invalid');
      return reply.status(400).send({
        error: { code: 'bad_request', message: `${path}: ${detail}`, path, ...reasonOfIssue(issue) },
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send({ error: { code: 'payload_too_large', message: error.message } });
    }
    if (status === 429) {
      return reply.status(429).send({ error: { code: 'too_many_requests', message: error.message } });
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: 'bad_request', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } }),
  );
}
