import {
  BoundaryDecisionSchema,
  EmptyBodySchema,
  IdParamsSchema,
  itemsOf,
  NewBoundarySchema,
  ReasonSchema,
  RecommendationParamsSchema,
  RecommendationSchema,
  StandingSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { announceQueuedMail } from '../mail/outbox-signal.ts';
import {
  decideBoundary,
  dismissRecommendation,
  getStanding,
  listBoundaries,
  listRecommendations,
  revokeBoundary,
  sendBoundaryLetter,
} from './boundaries.service.ts';

export function boundariesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['boundaries'];
    app.get(
      '/api/customers/:id/standing',
      {
        schema: {
          tags,
          summary: 'For booking systems: the boundary in force, online booking, deposit, prepayment',
          params: IdParamsSchema,
          response: withErrors({ 200: StandingSchema }),
        },
      },
      async (request) => getStanding(ctx.db, request.params.id, ctx.now()),
    );
    app.get(
      '/api/customers/:id/recommendations',
      {
        schema: {
          tags,
          summary: 'What the rules recommend (never decided automatically)',
          params: IdParamsSchema,
          response: withErrors({ 200: itemsOf(RecommendationSchema) }),
        },
      },
      async (request) => ({ items: await listRecommendations(ctx.db, request.params.id, ctx.now()) }),
    );
    app.post(
      '/api/customers/:id/recommendations/:rule/dismiss',
      {
        schema: {
          tags,
          summary: 'Dismiss a recommendation (supervisor or owner) until new evidence arrives',
          params: RecommendationParamsSchema,
          body: ReasonSchema,
          response: withErrors({ 201: BoundaryDecisionSchema }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await dismissRecommendation(
              ctx.db,
              request.actor,
              request.params.id,
              request.params.rule,
              request.body.reason,
              ctx.now(),
            ),
          ),
    );
    app.get(
      '/api/customers/:id/boundaries',
      {
        schema: {
          tags,
          summary: 'Every boundary decision and dismissal, newest first',
          params: IdParamsSchema,
          response: withErrors({ 200: itemsOf(BoundaryDecisionSchema) }),
        },
      },
      async (request) => ({ items: await listBoundaries(ctx.db, request.params.id, ctx.now()) }),
    );
    app.post(
      '/api/customers/:id/boundaries',
      {
        schema: {
          tags,
          summary: 'Confirm a boundary (supervisor or owner): the decision and its letter',
          params: IdParamsSchema,
          body: NewBoundarySchema,
          response: withErrors({ 201: BoundaryDecisionSchema }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await decideBoundary(ctx.db, request.actor, request.params.id, request.body, ctx.now())),
    );
    app.post(
      '/api/boundaries/:id/letter/send',
      {
        schema: {
          tags,
          summary: "Send a confirmed boundary's letter to the customer by e-mail (supervisor or owner)",
          params: IdParamsSchema,
          body: EmptyBodySchema,
          response: withErrors({ 200: BoundaryDecisionSchema }),
        },
      },
      async (request) => {
        const decision = await sendBoundaryLetter(ctx.db, request.actor, request.params.id, ctx.now());
        announceQueuedMail();
        return decision;
      },
    );
    app.post(
      '/api/boundaries/:id/revoke',
      {
        schema: {
          tags,
          summary: 'Revoke a boundary in force (supervisor or owner)',
          params: IdParamsSchema,
          body: ReasonSchema,
          response: withErrors({ 200: BoundaryDecisionSchema }),
        },
      },
      async (request) =>
        revokeBoundary(ctx.db, request.actor, request.params.id, request.body.reason, ctx.now()),
    );
  };
}
