import {
  itemsOf,
  NewUserSchema,
  SettingsPatchSchema,
  SettingsSchema,
  UserSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { getSettings, saveSettings } from '../settings/settings.service.ts';
import { addUser, listUsers } from './users.service.ts';

export function usersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      { schema: { tags: ['users'], summary: 'Staff', response: withErrors({ 200: itemsOf(UserSchema) }) } },
      async () => ({ items: await listUsers(ctx.db) }),
    );
    app.post(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Add a staff member',
          body: NewUserSchema,
          response: withErrors({ 201: UserSchema }),
        },
      },
      async (request, reply) => reply.status(201).send(await addUser(ctx.db, request.actor, request.body)),
    );
    app.get(
      '/api/settings',
      {
        schema: {
          tags: ['settings'],
          summary: 'Organisation settings',
          response: withErrors({ 200: SettingsSchema }),
        },
      },
      async () => getSettings(ctx.db),
    );
    app.patch(
      '/api/settings',
      {
        schema: {
          tags: ['settings'],
          summary: 'Change organisation settings (owner)',
          body: SettingsPatchSchema,
          response: withErrors({ 200: SettingsSchema }),
        },
      },
      async (request) => saveSettings(ctx.db, request.actor, request.body, ctx.now()),
    );
  };
}
