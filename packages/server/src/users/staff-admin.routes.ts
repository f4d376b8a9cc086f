import { IdParamsSchema, StaffMemberSchema, StaffPatchSchema, withErrors } from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { updateStaffMember } from './staff-admin.ts';

export function staffAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: "Change a staff member's name, e-mail address or role (owner)",
          params: IdParamsSchema,
          body: StaffPatchSchema,
          response: withErrors({ 200: StaffMemberSchema }),
        },
      },
      async (request) => updateStaffMember(ctx.db, request.actor, request.params.id, request.body),
    );
  };
}
