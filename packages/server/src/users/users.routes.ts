import {
  IdParamsSchema,
  itemsOf,
  NewUserSchema,
  PasswordResetResultSchema,
  PasswordResetSchema,
  SettingsPatchSchema,
  SettingsSchema,
  StaffMemberSchema,
  UserDisabledSchema,
  UserSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context.ts';
import { getSettings, saveSettings } from '../settings/settings.service.ts';
import {
  addUser,
  listStaff,
  listUsers,
  resetPassword,
  setUserDisabled,
  signOutEverywhere,
} from './users.service.ts';

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
      '/api/users/staff',
      {
        schema: {
          tags: ['users'],
          summary: 'Every staff member, disabled ones too (owner)',
          response: withErrors({ 200: itemsOf(StaffMemberSchema) }),
        },
      },
      async (request) => ({ items: await listStaff(ctx.db, request.actor) }),
    );
    app.put(
      '/api/users/:id/disabled',
      {
        schema: {
          tags: ['users'],
          summary: 'Disable or re-enable a staff member (owner); disabling signs them out everywhere',
          params: IdParamsSchema,
          body: UserDisabledSchema,
          response: withErrors({ 200: StaffMemberSchema }),
        },
      },
      async (request) =>
        setUserDisabled(ctx.db, request.actor, request.params.id, request.body.disabled, ctx.now()),
    );
    app.post(
      '/api/users/:id/password',
      {
        schema: {
          tags: ['users'],
          summary: "Reset a staff member's password (owner): the one given, or a one-time one shown once",
          params: IdParamsSchema,
          body: PasswordResetSchema,
          response: withErrors({ 200: PasswordResetResultSchema }),
        },
      },
      async (request) => resetPassword(ctx.db, request.actor, request.params.id, request.body.password),
    );
    app.delete(
      '/api/users/:id/sessions',
      {
        schema: {
          tags: ['users'],
          summary: 'Sign a staff member out everywhere (owner, or oneself)',
          params: IdParamsSchema,
          response: withErrors({ 204: z.null().describe('Every session of theirs has ended') }),
        },
      },
      async (request, reply) => {
        await signOutEverywhere(ctx.db, request.actor, request.params.id);
        return reply.status(204).send(null);
      },
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
