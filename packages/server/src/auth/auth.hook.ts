import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { AppContext } from '../http/context.ts';
import type { Actor } from './actor.ts';
import { actorOfSession, actorOfTokenCached } from './auth.service.ts';

export const SESSION_COOKIE = 'calmdesk_session';
/**
 * A cookie the page itself can read, holding no secret: set beside the session, it tells the web app
 * whether asking for the session is worth a request, so a signed-out start page makes none.
 */
export const SIGNED_IN_COOKIE = 'calmdesk_signed_in';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every route that is not public; public routes never read it. */
    actor: Actor;
    /** The CSRF token of the cookie session, when the request came with one. */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    isPublic?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every /api route needs a session cookie or a bearer token; cookie writes also need the CSRF token.
 * Checked when the headers have come, before the body is read: a caller who may not ask never makes the
 * server read, parse or validate what they send.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.isPublic || !request.url.startsWith('/api/')) return;
    await authenticate(ctx, request);
  });
}

export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<void> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) {
    const actor = await actorOfTokenCached(ctx.db, bearer);
    if (!actor) throw new AppError('unauthenticated', 'the bearer token is unknown or revoked');
    request.actor = actor;
    return;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  const session = cookie ? await actorOfSession(ctx.db, cookie, ctx.now()) : null;
  if (!session)
    throw new AppError('unauthenticated', 'sign in first (POST /api/session) or send a bearer token');
  if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
    throw new AppError(
      'forbidden',
      `a write with a session cookie needs the ${CSRF_HEADER} header from GET /api/session`,
    );
  }
  request.actor = session.actor;
  request.csrfToken = session.csrfToken;
}
