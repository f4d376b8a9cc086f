import {
  EmptyBodySchema,
  IdParamsSchema,
  MailboxDetailSchema,
  MailboxListSchema,
  MailboxPatchSchema,
  MailboxSchema,
  MailOutcomeSchema,
  NewMailboxSchema,
  ServerTestResultSchema,
  ServerTestSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { requireLocalCaller } from '../local/local.routes.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { retryMail } from './ingest-mail.ts';
import { mailFilesRoutes } from './mail-files.routes.ts';
import { checkServers, checkStoredMailbox } from './mailbox-checks.ts';
import { addMailbox, getMailbox, listMailboxes, updateMailbox } from './mailboxes.service.ts';

export function mailboxesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['mail'];
  return async (app) => {
    app.get(
      '/api/mailboxes',
      {
        schema: {
          tags,
          summary: 'Mailboxes with their status and counts (supervisor or owner)',
          response: withErrors({ 200: MailboxListSchema }),
        },
      },
      async (request) => ({ items: await listMailboxes(ctx.db, request.actor) }),
    );
    app.post(
      '/api/mailboxes',
      {
        schema: {
          tags,
          summary: 'Add a mailbox read over IMAP (owner); passwords are never returned',
          body: NewMailboxSchema,
          response: withErrors({ 201: MailboxSchema }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addMailbox(ctx.db, request.actor, request.body, ctx.now())),
    );
    app.post(
      '/api/mailboxes/test',
      {
        schema: {
          tags,
          summary:
            'Try IMAP (sign in, open the folder read-only) and SMTP (sign in) before adding a mailbox (owner); at most about 10 s',
          body: ServerTestSchema,
          response: withErrors({ 200: ServerTestResultSchema }),
        },
      },
      async (request) => checkServers(request.actor, request.body),
    );
    app.post(
      '/api/mailboxes/:id/test',
      {
        schema: {
          tags,
          summary: "Try a mailbox's stored servers and passwords (owner)",
          params: IdParamsSchema,
          body: EmptyBodySchema,
          response: withErrors({ 200: ServerTestResultSchema }),
        },
      },
      async (request) => checkStoredMailbox(ctx.db, request.actor, request.params.id),
    );
    app.patch(
      '/api/mailboxes/:id',
      {
        schema: {
          tags,
          summary:
            'Turn the automatic acknowledgement on or off, or change or remove the SMTP server (owner)',
          params: IdParamsSchema,
          body: MailboxPatchSchema,
          response: withErrors({ 200: MailboxDetailSchema }),
        },
      },
      async (request) => updateMailbox(ctx.db, request.actor, request.params.id, request.body, ctx.now()),
    );
    app.get(
      '/api/mailboxes/:id',
      {
        schema: {
          tags,
          summary: 'A mailbox: status (ok | error with the reason), last sync, counts, failed messages',
          params: IdParamsSchema,
          response: withErrors({ 200: MailboxDetailSchema }),
        },
      },
      async (request) => getMailbox(ctx.db, request.actor, request.params.id),
    );
    app.post(
      '/api/mail/:id/retry',
      {
        schema: {
          tags,
          summary: 'Process a failed mail again (supervisor or owner)',
          params: IdParamsSchema,
          body: EmptyBodySchema,
          response: withErrors({ 200: MailOutcomeSchema }),
        },
      },
      async (request) => retryMail(ctx.db, request.actor, request.params.id, ctx.now()),
    );
    await app.register(mailFilesRoutes(ctx));
    await app.register(localMailboxRoutes(ctx));
  };
}

/** `calmdesk mailbox` while the server holds the embedded database: loopback and server.json's secret only. */
function localMailboxRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const config = { isPublic: true };
  return async (app) => {
    app.addHook('onRequest', async (request) => requireLocalCaller(ctx, request));
    app.post(
      '/api/local/mailboxes',
      {
        config,
        schema: { hide: true, body: NewMailboxSchema, response: withErrors({ 201: MailboxSchema }) },
      },
      async (request, reply) =>
        reply.status(201).send(await addMailbox(ctx.db, CLI_ACTOR, request.body, ctx.now())),
    );
    app.post(
      '/api/local/mailboxes/list',
      {
        config,
        schema: {
          hide: true,
          body: EmptyBodySchema,
          response: withErrors({ 200: MailboxListSchema }),
        },
      },
      async () => ({ items: await listMailboxes(ctx.db, CLI_ACTOR) }),
    );
  };
}
