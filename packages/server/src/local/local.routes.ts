import { createHash, timingSafeEqual } from 'node:crypto';
import {
  CreatedTokenSchema,
  EmptyBodySchema,
  itemsOf,
  LocalPasswordResetResultSchema,
  LocalPasswordResetSchema,
  LocalTokenIdSchema,
  LocalTokenSchema,
  LocalUserDisabledSchema,
  LocalUserSchema,
  LocalVerifyLogSchema,
  LogHeadsSchema,
  LogReportSchema,
  StaffMemberSchema,
  TokenListingSchema,
  UserSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { backupStream } from '../backup/backup-stream.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../http/context.ts';
import {
  addUserAsCli,
  createTokenAsCli,
  listTokensAsCli,
  logHeadsAsCli,
  resetPasswordAsCli,
  revokeTokenAsCli,
  setUserDisabledAsCli,
  verifyLogsAsCli,
} from './local.service.ts';
import { LOCAL_SECRET_HEADER, readServerFile } from './server-file.ts';

const CHECKPOINT_BODY_LIMIT = 256 * 1024 * 1024;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Routes for the `calmdesk` CLI while the server holds the embedded database: loopback only, and
 * only with the secret of `<dataDir>/server.json`, which only the server's user can read. They skip
 * sign-in (the CLI has no account) and are left out of the OpenAPI document.
 */
export function localRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const config = { isPublic: true };
  return async (app) => {
    app.addHook('onRequest', async (request) => requireLocalCaller(ctx, request));

    app.post(
      '/api/local/users',
      {
        config,
        schema: { hide: true, body: LocalUserSchema, response: withErrors({ 201: UserSchema }) },
      },
      async (request, reply) => reply.status(201).send(await addUserAsCli(ctx.db, request.body)),
    );
    app.post(
      '/api/local/users/disabled',
      {
        config,
        schema: {
          hide: true,
          body: LocalUserDisabledSchema,
          response: withErrors({ 200: StaffMemberSchema }),
        },
      },
      async (request) => setUserDisabledAsCli(ctx.db, request.body),
    );
    app.post(
      '/api/local/users/password',
      {
        config,
        schema: {
          hide: true,
          body: LocalPasswordResetSchema,
          response: withErrors({ 200: LocalPasswordResetResultSchema }),
        },
      },
      async (request) => resetPasswordAsCli(ctx.db, request.body),
    );
    app.post(
      '/api/local/tokens',
      {
        config,
        schema: { hide: true, body: LocalTokenSchema, response: withErrors({ 201: CreatedTokenSchema }) },
      },
      async (request, reply) => reply.status(201).send(await createTokenAsCli(ctx.db, request.body)),
    );
    // POST like every local route: the CLI's client sends one JSON body and nothing else.
    app.post(
      '/api/local/tokens/list',
      {
        config,
        schema: {
          hide: true,
          body: EmptyBodySchema,
          response: withErrors({ 200: itemsOf(TokenListingSchema) }),
        },
      },
      async () => listTokensAsCli(ctx.db),
    );
    app.post(
      '/api/local/tokens/revoke',
      {
        config,
        schema: { hide: true, body: LocalTokenIdSchema, response: withErrors({ 200: TokenListingSchema }) },
      },
      async (request) => revokeTokenAsCli(ctx.db, request.body),
    );
    app.post(
      '/api/local/verify-log',
      {
        config,
        // A checkpoint's heads: about 100 bytes a case, so a large organisation's run past 1 MiB.
        bodyLimit: CHECKPOINT_BODY_LIMIT,
        schema: { hide: true, body: LocalVerifyLogSchema, response: withErrors({ 200: LogReportSchema }) },
      },
      async (request) => verifyLogsAsCli(ctx.db, request.body),
    );
    app.post(
      '/api/local/log-heads',
      {
        config,
        schema: { hide: true, body: EmptyBodySchema, response: withErrors({ 200: LogHeadsSchema }) },
      },
      async () => logHeadsAsCli(ctx.db),
    );
    // `calmdesk backup` while the server holds the embedded database: the dump is read by this
    // process, the only one that may open the folder, and streamed to the CLI as the backup file.
    app.post(
      '/api/local/backup',
      // No answer schema: the 200 is the backup's bytes; an error before the first byte is the usual JSON.
      { config, schema: { hide: true, body: EmptyBodySchema } },
      async (_request, reply) =>
        reply
          .type('application/gzip')
          .send(backupStream(ctx.db, ctx.config.databaseUrl ? 'postgres' : 'pglite', ctx.now())),
    );
  };
}

/** Refuses a caller that is not on the loopback interface or does not send server.json's secret. */
export function requireLocalCaller(ctx: AppContext, request: FastifyRequest): void {
  // A reverse proxy on this machine connects from loopback too; what it forwards came from elsewhere.
  const isForwarded =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  if (!LOOPBACK.has(request.socket.remoteAddress ?? '') || isForwarded) {
    throw new AppError('forbidden', 'local routes answer only on the loopback interface');
  }
  const sent = request.headers[LOCAL_SECRET_HEADER];
  const expected = readServerFile(ctx.config.dataDir)?.secret;
  if (typeof sent !== 'string' || !expected || !isSameSecret(sent, expected)) {
    throw new AppError('forbidden', `local routes need the secret of server.json in ${LOCAL_SECRET_HEADER}`);
  }
}

function isSameSecret(a: string, b: string): boolean {
  const hash = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(hash(a), hash(b));
}
