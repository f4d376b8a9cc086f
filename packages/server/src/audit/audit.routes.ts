import { AuditQuerySchema, AuditRecordSchema, itemsOf, withErrors } from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireRole } from '../auth/actor.ts';
import type { AppContext } from '../http/context.ts';
import { listAudit } from './audit.service.ts';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Staff actions, newest first (supervisor)',
          querystring: AuditQuerySchema,
          response: withErrors({ 200: itemsOf(AuditRecordSchema) }),
        },
      },
      async (request) => {
        requireRole(request.actor, 'supervisor', 'read the audit log');
        const { limit, before, target } = request.query;
        return { items: await listAudit(ctx.db, { limit, before, targetId: target }) };
      },
    );
  };
}
