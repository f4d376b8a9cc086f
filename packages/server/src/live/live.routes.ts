import type { ServerResponse } from 'node:http';
import {
  EmptyBodySchema,
  eventStreamAnswer,
  IdParamsSchema,
  ReplyingSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { authenticate } from '../auth/auth.hook.ts';
import { AppError, notFound } from '../errors.ts';
import type { AppContext } from '../http/context.ts';
import { type LiveFeed, liveFeedOf, openLiveFeed } from './live-feed.ts';
import { REPLYING_TTL_MS } from './presence.ts';

/** A comment line this often keeps proxies and the browser from taking a quiet stream for a dead one. */
const HEARTBEAT_MS = 25_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 3_000;
/** A stream whose reader fell this far behind is ended; the browser reconnects and fetches afresh. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * `GET /api/events` (Server-Sent Events of case changes and who is replying) and the reply-box
 * heartbeat. The plugin owns this process's live feed: opened with the app, closed with it.
 */
export function liveRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const feed: LiveFeed = liveFeedOf(ctx.db) ?? openLiveFeed(ctx.db, app.log);
    await feed.ready;
    const open = new Set<ServerResponse>();
    // Open streams would hold the server's close forever; ending them makes the browsers reconnect elsewhere.
    app.addHook('preClose', async () => {
      for (const response of open) response.end();
    });
    app.addHook('onClose', async () => feed.close());

    app.get(
      '/api/events',
      {
        schema: {
          tags: ['live'],
          summary: 'Live case changes and who is replying (Server-Sent Events)',
          headers: z.looseObject({ 'last-event-id': z.string().max(100).optional() }),
          response: withErrors({ 200: eventStreamAnswer }),
        },
      },
      async (request, reply) => {
        reply.hijack();
        const response = reply.raw;
        // Headers set through the reply (the security headers) are not sent by a hijacked reply itself.
        for (const [name, value] of Object.entries(reply.getHeaders())) {
          if (value !== undefined) response.setHeader(name, value);
        }
        response.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          // nginx buffers answers unless told not to; an event must not wait for a buffer to fill.
          'x-accel-buffering': 'no',
        });
        let detach = () => {};
        const end = () => {
          detach();
          clearInterval(heartbeat);
          open.delete(response);
          if (!response.writableEnded) response.end();
        };
        const write = (frame: string) => {
          if (response.writableEnded || response.destroyed) return;
          if (response.writableLength > MAX_BUFFERED_BYTES) return end();
          response.write(frame);
        };
        const heartbeat = setInterval(() => {
          write(': ping\n\n');
          void stillSignedIn(ctx, request).then((isSignedIn) => isSignedIn || end());
        }, HEARTBEAT_MS);
        heartbeat.unref();
        response.on('close', end);
        response.on('error', end);
        open.add(response);
        write(`retry: ${RETRY_MS}\n: connected\n\n`);
        detach = feed.attach(write, request.headers['last-event-id']);
        return reply;
      },
    );

    app.post(
      '/api/cases/:id/replying',
      {
        schema: {
          tags: ['live'],
          summary: "Mark the case's reply box as open (a heartbeat, every 10 s while it is)",
          params: IdParamsSchema,
          body: EmptyBodySchema,
          response: withErrors({ 200: ReplyingSchema }),
        },
      },
      async (request) => {
        const user = replyingUser(request.actor);
        await requireCase(ctx, request.params.id);
        await feed.publish({ type: 'replying', caseId: request.params.id, user, active: true });
        return {
          users: feed.othersReplying(request.params.id, user.id),
          expiresInSeconds: REPLYING_TTL_MS / 1000,
        };
      },
    );

    app.delete(
      '/api/cases/:id/replying',
      {
        schema: {
          tags: ['live'],
          summary: "Mark the case's reply box as closed",
          params: IdParamsSchema,
          response: withErrors({ 204: z.null().describe('Closed') }),
        },
      },
      async (request, reply) => {
        const user = replyingUser(request.actor);
        await feed.publish({ type: 'replying', caseId: request.params.id, user, active: false });
        return reply.status(204).send(null);
      },
    );
  };
}

function replyingUser(actor: Actor): { id: string; name: string } {
  if (actor.kind !== 'user') {
    throw new AppError('forbidden', 'only a signed-in staff member can be shown as replying');
  }
  return { id: actor.id, name: actor.name };
}

async function requireCase(ctx: AppContext, id: string): Promise<void> {
  const found = await ctx.db.selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw notFound('case', id);
}

/** Whether the stream's session or token still holds (signed out, revoked, disabled: the stream ends). */
async function stillSignedIn(ctx: AppContext, request: FastifyRequest): Promise<boolean> {
  try {
    await authenticate(ctx, request);
    return true;
  } catch {
    return false;
  }
}
