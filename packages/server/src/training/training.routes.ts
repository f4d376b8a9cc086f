import {
  EmptyBodySchema,
  NewTrainingSessionSchema,
  TrainingProgressSchema,
  TrainingReplyAnswerSchema,
  TrainingReplyBodySchema,
  TrainingScenarioListSchema,
  TrainingScenarioQuerySchema,
  TrainingSessionListSchema,
  TrainingSessionParamsSchema,
  TrainingSessionQuerySchema,
  TrainingSessionSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import {
  createTrainingSession,
  getTrainingSession,
  listScenarios,
  listTrainingSessions,
  replyToTrainingSession,
  startTrainingSession,
  trainingProgress,
} from './training.service.ts';

/** The practice simulator: scripted difficult customers, each reply scored by the reply coach. */
export function trainingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['training'];
    app.get(
      '/api/training/scenarios',
      {
        schema: {
          tags,
          summary: 'The practice scenarios, of one language or all',
          querystring: TrainingScenarioQuerySchema,
          response: withErrors({ 200: TrainingScenarioListSchema }),
        },
      },
      async (request) => ({ scenarios: listScenarios(request.actor, request.query.language) }),
    );
    app.post(
      '/api/training/sessions',
      {
        schema: {
          tags,
          summary: 'Start practising a scenario, or assign it to someone (supervisor or owner)',
          body: NewTrainingSessionSchema,
          response: withErrors({ 201: TrainingSessionSchema }),
        },
      },
      async (request, reply) => {
        const session = await createTrainingSession(ctx.db, request.actor, request.body, ctx.now());
        return reply.status(201).send(session);
      },
    );
    app.get(
      '/api/training/sessions',
      {
        schema: {
          tags,
          summary: 'Practice sessions, newest first: my own, or anyone’s for a supervisor or the owner',
          querystring: TrainingSessionQuerySchema,
          response: withErrors({ 200: TrainingSessionListSchema }),
        },
      },
      async (request) => ({ sessions: await listTrainingSessions(ctx.db, request.actor, request.query) }),
    );
    app.get(
      '/api/training/sessions/:id',
      {
        schema: {
          tags,
          summary: 'One practice session with its turns',
          params: TrainingSessionParamsSchema,
          response: withErrors({ 200: TrainingSessionSchema }),
        },
      },
      async (request) => getTrainingSession(ctx.db, request.actor, request.params.id),
    );
    app.post(
      '/api/training/sessions/:id/start',
      {
        schema: {
          tags,
          summary: 'Begin a scenario assigned to me',
          params: TrainingSessionParamsSchema,
          body: EmptyBodySchema,
          response: withErrors({ 200: TrainingSessionSchema }),
        },
      },
      async (request) => startTrainingSession(ctx.db, request.actor, request.params.id, ctx.now()),
    );
    app.post(
      '/api/training/sessions/:id/replies',
      {
        schema: {
          tags,
          summary: 'Answer the customer: the reply is coached and the customer reacts to what the coach saw',
          params: TrainingSessionParamsSchema,
          body: TrainingReplyBodySchema,
          response: withErrors({ 200: TrainingReplyAnswerSchema }),
        },
      },
      async (request) =>
        replyToTrainingSession(ctx.db, request.actor, request.params.id, request.body.text, ctx.now()),
    );
    app.get(
      '/api/training/progress',
      {
        schema: {
          tags,
          summary:
            'Per staff member: sessions, average score and the skills to practise (supervisor or owner)',
          response: withErrors({ 200: TrainingProgressSchema }),
        },
      },
      async (request) => trainingProgress(ctx.db, request.actor),
    );
  };
}
