import { AttachmentQuerySchema, fileAnswer, IdParamsSchema, withErrors } from '@calmdesk/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { readAttachment, readRawMail, SERVED_TYPES, type StoredFile } from './mail-files.ts';

/** The files mail brought: attachments and the raw message, each a download that cannot run in the app. */
export function mailFilesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['mail'];
  return async (app) => {
    app.get(
      '/api/attachments/:id',
      {
        schema: {
          tags,
          summary:
            "A mail's attachment (any staff): pictures shown in place unless ?download=1, anything else a download",
          params: IdParamsSchema,
          querystring: AttachmentQuerySchema,
          response: withErrors({ 200: fileAnswer('The stored file', SERVED_TYPES) }),
        },
      },
      async (request, reply) => {
        const download = request.query.download === '1' || request.query.download === 'true';
        return sendFile(reply, await readAttachment(ctx.db, request.actor, request.params.id, download));
      },
    );
    app.get(
      '/api/mail/:id/raw',
      {
        schema: {
          tags,
          summary: 'The mail exactly as it arrived, as an .eml download (any staff)',
          params: IdParamsSchema,
          response: withErrors({ 200: fileAnswer('The raw message (RFC 5322)', ['message/rfc822']) }),
        },
      },
      async (request, reply) => sendFile(reply, await readRawMail(ctx.db, request.actor, request.params.id)),
    );
  };
}

/** Answers with a stored file that cannot run in the app: its own type, nosniff and a sandbox. */
export function sendFile(reply: FastifyReply, file: StoredFile): FastifyReply {
  return (
    reply
      .header('content-type', file.contentType)
      .header('content-disposition', file.disposition)
      .header('content-length', file.bytes.byteLength)
      .header('x-content-type-options', 'nosniff')
      // Opened on its own, the file runs nothing and loads nothing, whatever it claims to be.
      .header(
        'content-security-policy',
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      )
      .header('cache-control', 'private, no-cache')
      .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength))
  );
}
