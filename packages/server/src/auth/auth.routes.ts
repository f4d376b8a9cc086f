import {
  OwnProfileSchema,
  PasswordChangeSchema,
  SessionSchema,
  SignInSchema,
  UserSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canOverride } from '../cases/interactions.service.ts';
import type { AppContext } from '../http/context.ts';
import { cameByTls } from '../http/security-headers.ts';
import { changeOwnPassword, getOwnUser, updateOwnProfile } from '../users/users.service.ts';
import { authenticate, SESSION_COOKIE, SIGNED_IN_COOKIE } from './auth.hook.ts';
import { SESSION_DAYS, signIn, signOut } from './auth.service.ts';
import { countAccountSignIn, forgiveAccountSignIn } from './rate-limit-store.ts';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/session',
      {
        schema: {
          body: SignInSchema,
          tags: ['session'],
          summary: 'Sign in: sets the session cookie',
          response: withErrors({ 200: SessionSchema }),
        },
        config: { isPublic: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const { email, password } = request.body;
        await countAccountSignIn(ctx.db, email, ctx.now());
        const session = await signIn(ctx.db, email, password, ctx.now());
        await forgiveAccountSignIn(ctx.db, email);
        const cookie = {
          path: '/',
          sameSite: 'lax',
          secure: cameByTls(request),
          maxAge: SESSION_DAYS * 86_400,
        } as const;
        reply.setCookie(SESSION_COOKIE, session.cookie, { ...cookie, httpOnly: true });
        reply.setCookie(SIGNED_IN_COOKIE, '1', { ...cookie, httpOnly: false });
        const user = {
          id: session.actor.id,
          name: session.actor.name,
          email: session.actor.email,
          role: session.actor.role,
        };
        return { user, csrfToken: session.csrfToken, canOverride: canOverride(session.actor) };
      },
    );

    app.get(
      '/api/session',
      {
        schema: {
          tags: ['session'],
          summary: 'The signed-in user and the CSRF token for writes',
          response: withErrors({ 200: SessionSchema }),
        },
        config: { isPublic: true },
      },
      async (request, reply) => {
        try {
          await authenticate(ctx, request);
        } catch (error) {
          // The session ended (expired, signed out elsewhere, disabled): the page stops asking.
          reply.clearCookie(SIGNED_IN_COOKIE, { path: '/' });
          throw error;
        }
        const actor = request.actor;
        const user =
          actor.kind === 'user'
            ? await getOwnUser(ctx.db, actor.id)
            : {
                id: actor.kind === 'token' ? `token:${actor.id}` : 'cli',
                name: 'API token',
                email: '',
                role: actor.role,
              };
        return { user, csrfToken: request.csrfToken ?? undefined, canOverride: canOverride(actor) };
      },
    );

    app.put(
      '/api/session/password',
      {
        schema: {
          tags: ['session'],
          summary: 'Change your own password: the current one is required, your other sessions end',
          body: PasswordChangeSchema,
          response: withErrors({ 204: z.null().describe('Changed; this session goes on') }),
        },
        // The current password is checked here too: as few guesses as at sign-in.
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        await changeOwnPassword(ctx.db, request.actor, request.body, request.cookies[SESSION_COOKIE]);
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/session/profile',
      {
        schema: {
          tags: ['session'],
          summary: 'Change your own signature and grammatical gender (used to write Polish phrases)',
          body: OwnProfileSchema,
          response: withErrors({ 200: UserSchema }),
        },
      },
      async (request) => updateOwnProfile(ctx.db, request.actor, request.body),
    );

    app.delete(
      '/api/session',
      {
        schema: {
          tags: ['session'],
          summary: 'Sign out',
          response: withErrors({ 204: z.null().describe('Signed out: the session cookie is cleared') }),
        },
      },
      async (request, reply) => {
        const cookie = request.cookies[SESSION_COOKIE];
        if (cookie) await signOut(ctx.db, cookie);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        reply.clearCookie(SIGNED_IN_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
  };
}
