import {
  CustomerProfileSchema,
  IdParamsSchema,
  ProfileRulesPatchSchema,
  ProfileRulesSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { getProfileRules, saveProfileRules } from './profile-rules.ts';
import { getCustomerProfile } from './profiles.service.ts';

export function profilesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const rulesAnswer = withErrors({ 200: ProfileRulesSchema });
    app.get(
      '/api/customers/:id/profile',
      {
        schema: {
          tags: ['customers'],
          summary: 'Suggested client types with evidence, the numbers, earlier satisfied messages',
          params: IdParamsSchema,
          response: withErrors({ 200: CustomerProfileSchema }),
        },
      },
      async (request) => getCustomerProfile(ctx.db, request.params.id, ctx.now()),
    );
    app.get(
      '/api/settings/profile-rules',
      {
        schema: {
          tags: ['settings'],
          summary: 'Client-type thresholds and the boundary ladder',
          response: rulesAnswer,
        },
      },
      async () => getProfileRules(ctx.db),
    );
    app.patch(
      '/api/settings/profile-rules',
      {
        schema: {
          tags: ['settings'],
          summary: 'Change profile rules (owner): any nested subset, merged over the current rules',
          body: ProfileRulesPatchSchema,
          response: rulesAnswer,
        },
      },
      async (request) => saveProfileRules(ctx.db, request.actor, request.body, ctx.now()),
    );
    app.delete(
      '/api/settings/profile-rules',
      {
        schema: {
          tags: ['settings'],
          summary: 'Reset profile rules to the defaults (owner)',
          response: rulesAnswer,
        },
      },
      async (request) => saveProfileRules(ctx.db, request.actor, null, ctx.now()),
    );
  };
}
