import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { IdParamsSchema } from '../http/params.ts';
import { getProfileRules, ProfileRulesPatchSchema, saveProfileRules } from './profile-rules.ts';
import { getCustomerProfile } from './profiles.service.ts';

export function profilesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/customers/:id/profile',
      {
        schema: {
          tags: ['customers'],
          summary: 'Suggested client types with evidence, the numbers, earlier satisfied messages',
          params: IdParamsSchema,
        },
      },
      async (request) => getCustomerProfile(ctx.db, request.params.id, ctx.now()),
    );
    app.get(
      '/api/settings/profile-rules',
      { schema: { tags: ['settings'], summary: 'Client-type thresholds and the boundary ladder' } },
      async () => getProfileRules(ctx.db),
    );
    app.patch(
      '/api/settings/profile-rules',
      {
        schema: {
          tags: ['settings'],
          summary: 'Change profile rules (owner): any nested subset, merged over the current rules',
          body: ProfileRulesPatchSchema,
        },
      },
      async (request) => saveProfileRules(ctx.db, request.actor, request.body, ctx.now()),
    );
    app.delete(
      '/api/settings/profile-rules',
      { schema: { tags: ['settings'], summary: 'Reset profile rules to the defaults (owner)' } },
      async (request) => saveProfileRules(ctx.db, request.actor, null, ctx.now()),
    );
  };
}
