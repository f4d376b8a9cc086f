import { analyzeMessage, coachReply } from '@calmdesk/analysis';
import {
  AnalysisSchema,
  AnalyzeBodySchema,
  CoachBodySchema,
  CoachingSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toCoachContext } from './coach-context.ts';

/** The engine without storage: analyse a message or coach a draft. */
export function engineRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/analyze',
      {
        schema: {
          tags: ['engine'],
          summary: 'Analyse a message',
          body: AnalyzeBodySchema,
          response: withErrors({ 200: AnalysisSchema }),
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
          body: CoachBodySchema,
          response: withErrors({ 200: CoachingSchema }),
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
