import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/actor.ts';
import type { AppContext } from '../http/context.ts';
import { listAudit } from './audit.service.ts';

const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().regex(/^\d+$/, 'an audit entry id').optional(),
  target: z.string().max(100).optional(),
});

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Staff actions, newest first (supervisor)',
          querystring: AuditQuerySchema,
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
