import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
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
      // zod leaves the refused value out of its issue; it is read back from the request, so a value of
      // the wrong kind is told apart from a missing one.
      const sent = valueAt(requestPart(request, where), first?.instancePath ?? '');
      const issue: IssueLike = { ...params, input: params?.input ?? sent, code: first?.keyword };
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

function requestPart(request: FastifyRequest, where: string): unknown {
  if (where === 'querystring') return request.query;
  if (where === 'params') return request.params;
  if (where === 'headers') return request.headers;
  return request.body;
}

/** The value at a JSON pointer (`/firstResponseMinutes/calm`), or undefined. */
function valueAt(root: unknown, pointer: string): unknown {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  let value = root;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
