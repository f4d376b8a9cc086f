import { analyzeMessage, coachReply } from '@calmdesk/analysis';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CoachContextSchema, toCoachContext } from './coach-context.ts';

const Lang = z.enum(['pl', 'et', 'en']);
const TextSchema = z.string().max(100_000);

/** The engine without storage: analyse a message or coach a draft. */
export function engineRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/analyze',
      {
        schema: {
          tags: ['engine'],
          summary: 'Analyse a message',
          body: z.strictObject({ text: TextSchema, lang: Lang.optional() }),
        },
      },
      async (request) => analyzeMessage(request.body.text, { lang: request.body.lang }),
    );
    app.post(
      '/api/coach',
      {
        schema: {
          tags: ['engine'],
          summary: 'Coach a draft reply',
          body: z.strictObject({
            text: TextSchema,
            lang: Lang.optional(),
            context: CoachContextSchema.optional(),
          }),
        },
      },
      async (request) =>
        coachReply(request.body.text, {
          ...toCoachContext(request.body.context ?? {}),
          ...(request.body.lang ? { lang: request.body.lang } : {}),
        }),
    );
  };
}
