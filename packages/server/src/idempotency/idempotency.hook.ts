import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { IDEMPOTENCY_KEY_PATTERN, IdempotencyHeadersSchema } from '@calmdesk/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../http/context.ts';
import { claimKey, type KeyId, releaseKey, storeAnswer } from './idempotency.service.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request claimed; its answer is stored when it succeeds. */
    idempotencyKey: KeyId | null;
  }
}

/**
 * `Idempotency-Key` on every signed-in POST: the first request with a key is answered and its
 * success kept for a day; a retry with the same key and the same path and body gets that answer
 * again (`Idempotent-Replayed: true`) and does nothing; the same key with another request is a 422
 * `idempotency_key_reused`; a retry while the first is still running is a 409
 * `idempotency_key_in_progress` (retry after a moment). Checked after authentication and validation,
 * so a refused request never holds a key. Errors are not kept: they created nothing.
 */
export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('idempotencyKey', null);
  // Described in the OpenAPI document of each POST it applies to, and validated with its headers.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST') || route.config?.isPublic || !route.url.startsWith('/api/')) return;
    if (route.schema?.hide || route.schema?.headers) return;
    route.schema = { ...route.schema, headers: IdempotencyHeadersSchema };
  });
  app.addHook('preHandler', async (request, reply) => {
    const id = keyOf(request);
    if (!id) return;
    const claim = await claimKey(ctx.db, id, requestHash(request), ctx.now());
    if (claim.kind === 'claimed') {
      request.idempotencyKey = id;
      return;
    }
    if (claim.kind === 'replay') return replay(reply, claim.status, claim.response);
    if (claim.kind === 'reused') {
      throw new AppError(
        'idempotency_key_reused',
        'this Idempotency-Key was used for a different request; use a new key for a new request',
        `headers.${IDEMPOTENCY_HEADER}`,
      );
    }
    reply.header('retry-after', '1');
    throw new AppError(
      'idempotency_key_in_progress',
      'the first request with this Idempotency-Key is still being answered; retry in a moment',
      `headers.${IDEMPOTENCY_HEADER}`,
    );
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const id = request.idempotencyKey;
    if (!id) return payload;
    request.idempotencyKey = null;
    const isSuccess = reply.statusCode >= 200 && reply.statusCode < 300;
    // A streamed answer cannot be kept; an empty one (a 204) is kept as empty text.
    const text = typeof payload === 'string' ? payload : payload == null ? '' : undefined;
    if (isSuccess && text !== undefined) await storeAnswer(ctx.db, id, reply.statusCode, text);
    else await releaseKey(ctx.db, id);
    return payload;
  });
}

/** The key of a signed-in POST that carries one; a malformed key is a 400 naming the header. */
function keyOf(request: FastifyRequest): KeyId | null {
  if (request.method !== 'POST' || request.routeOptions.config.isPublic) return null;
  const header = request.headers[IDEMPOTENCY_HEADER];
  if (header === undefined) return null;
  // A streamed body (an import file) cannot be compared; imports are idempotent by external id anyway.
  if (request.body instanceof Readable) return null;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new AppError(
      'bad_request',
      'Idempotency-Key must be 1 to 255 printable ASCII characters',
      `headers.${IDEMPOTENCY_HEADER}`,
    );
  }
  return { actor: actorKey(request.actor), key: header, operation: `POST ${request.routeOptions.url}` };
}

function actorKey(actor: Actor): string {
  if (actor.kind === 'user') return `user:${actor.id}`;
  if (actor.kind === 'token') return `token:${actor.id}`;
  return 'cli';
}

/** The path with its ids and the parsed body: what makes a retry the same request. */
function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(request.url)
    .update('\n')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}

function replay(reply: FastifyReply, status: number, response: string): FastifyReply {
  reply.status(status).header(REPLAYED_HEADER, 'true');
  if (response === '') return reply.send();
  // The stored text is the first answer exactly as it was serialised: sent as is, not again.
  return reply
    .type('application/json; charset=utf-8')
    .serializer((payload) => payload as string)
    .send(response);
}
