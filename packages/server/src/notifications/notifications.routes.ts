import {
  EmptyBodySchema,
  NotificationListSchema,
  NotificationParamsSchema,
  NotificationPreferencesSchema,
  NotificationQuerySchema,
  NotificationSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userIdOf } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../http/context.ts';
import { getEmailNotifications, setEmailNotifications } from '../users/users.service.ts';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notifications.service.ts';

export function notificationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];
    app.get(
      '/api/notifications',
      {
        schema: {
          tags,
          summary: 'My notifications, newest first, and how many are unread',
          querystring: NotificationQuerySchema,
          response: withErrors({ 200: NotificationListSchema }),
        },
      },
      async (request) => listNotifications(ctx.db, request.actor, request.query),
    );
    app.post(
      '/api/notifications/:id/read',
      {
        schema: {
          tags,
          summary: 'Mark one of my notifications read',
          params: NotificationParamsSchema,
          body: EmptyBodySchema,
          response: withErrors({ 200: NotificationSchema }),
        },
      },
      async (request) => markNotificationRead(ctx.db, request.actor, request.params.id, ctx.now()),
    );
    app.post(
      '/api/notifications/read-all',
      {
        schema: {
          tags,
          summary: 'Mark all my notifications read',
          body: EmptyBodySchema,
          response: withErrors({ 200: z.object({ marked: z.number().int() }) }),
        },
      },
      async (request) => ({ marked: await markAllNotificationsRead(ctx.db, request.actor, ctx.now()) }),
    );
    app.get(
      '/api/me/notification-preferences',
      {
        schema: {
          tags,
          summary: 'Which notifications also come to me by e-mail',
          response: withErrors({ 200: NotificationPreferencesSchema }),
        },
      },
      async (request) => ({ email: await getEmailNotifications(ctx.db, signedIn(request.actor)) }),
    );
    app.put(
      '/api/me/notification-preferences',
      {
        schema: {
          tags,
          summary: 'Choose which notifications also come to me by e-mail',
          body: NotificationPreferencesSchema,
          response: withErrors({ 200: NotificationPreferencesSchema }),
        },
      },
      async (request) => ({
        email: await setEmailNotifications(
          ctx.db,
          request.actor,
          signedIn(request.actor),
          request.body.email,
        ),
      }),
    );
  };
}

function signedIn(actor: Parameters<typeof userIdOf>[0]): string {
  const id = userIdOf(actor);
  if (!id)
    throw new AppError('forbidden', 'preferences belong to a signed-in staff member, not to an API token');
  return id;
}
