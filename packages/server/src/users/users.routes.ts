import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { getSettings, SettingsPatchSchema, saveSettings } from '../settings/settings.service.ts';
import { addUser, listUsers, NewUserSchema } from './users.service.ts';

export function usersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/users', { schema: { tags: ['users'], summary: 'Staff' } }, async () => ({
      items: await listUsers(ctx.db),
    }));
    app.post(
      '/api/users',
      { schema: { tags: ['users'], summary: 'Add a staff member', body: NewUserSchema } },
      async (request, reply) => reply.status(201).send(await addUser(ctx.db, request.actor, request.body)),
    );
    app.get('/api/settings', { schema: { tags: ['settings'], summary: 'Organisation settings' } }, async () =>
      getSettings(ctx.db),
    );
    app.patch(
      '/api/settings',
      {
        schema: {
          tags: ['settings'],
          summary: 'Change organisation settings (owner)',
          body: SettingsPatchSchema,
        },
      },
      async (request) => saveSettings(ctx.db, request.actor, request.body, ctx.now()),
    );
  };
}
