import { AuditPageSchema, AuditQuerySchema, withErrors } from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/actor.ts';
import type { AppContext } from '../http/context.ts';
import { listAudit, listAuditActions } from './audit.service.ts';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Staff actions, newest first, by actor, action, target and time (supervisor)',
          querystring: AuditQuerySchema,
          response: withErrors({ 200: AuditPageSchema }),
        },
      },
      async (request) => {
        requireRole(request.actor, 'supervisor', 'read the audit log');
        const { target, ...query } = request.query;
        return listAudit(ctx.db, { ...query, targetId: target });
      },
    );
    app.get(
      '/api/audit/actions',
      {
        schema: {
          tags: ['audit'],
          summary: 'Every action the audit log holds (supervisor)',
          response: withErrors({ 200: z.object({ items: z.array(z.string()) }) }),
        },
      },
      async (request) => {
        requireRole(request.actor, 'supervisor', 'read the audit log');
        return { items: await listAuditActions(ctx.db) };
      },
    );
  };
}
