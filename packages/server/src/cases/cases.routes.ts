import {
  CaseDetailSchema,
  CasePageSchema,
  CasePatchSchema,
  CaseQuerySchema,
  ChainVerdictSchema,
  CompensationDecisionSchema,
  CompensationSchema,
  IdParamsSchema,
  InteractionPageQuerySchema,
  InteractionPageSchema,
  InteractionSchema,
  NewCaseSchema,
  NewCompensationSchema,
  NewInteractionSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decideCompensation, proposeCompensation } from '../compensations/compensations.service.ts';
import type { AppContext } from '../http/context.ts';
import { markCaseRead } from '../inbox/case-reads.ts';
import { caseChangeOf, publishChange } from '../live/live-feed.ts';
import { replyByMail } from '../mail/outbox.service.ts';
import { announceQueuedMail } from '../mail/outbox-signal.ts';
import { createCase, getCaseDetail, listCases, updateCase } from './cases.service.ts';
import { verifyCaseLog } from './evidence.ts';
import { addInteraction } from './interactions.service.ts';
import { olderLogPage } from './log-pages.ts';

export function casesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['cases'];
    app.post(
      '/api/cases',
      {
        schema: {
          tags,
          summary: 'Open a case (a staff member who opens one holds it)',
          body: NewCaseSchema,
          response: withErrors({ 201: CaseDetailSchema }),
        },
      },
      async (request, reply) => {
        // Whoever types in a call or visit in the app is the one handling it; an integration's token is nobody.
        const actor = request.actor;
        const assignTo = actor.kind === 'user' && actor.via === 'session' ? actor.id : null;
        const created = await createCase(ctx.db, request.actor, request.body, ctx.now(), {}, assignTo);
        await publishChange(ctx.db, caseChangeOf('case.created', created));
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/cases',
      {
        schema: {
          tags,
          summary: 'List cases',
          querystring: CaseQuerySchema,
          response: withErrors({ 200: CasePageSchema }),
        },
      },
      async (request) => listCases(ctx.db, request.actor, request.query),
    );

    app.get(
      '/api/cases/:id',
      {
        schema: {
          tags,
          summary: 'A case with its newest log entries',
          params: IdParamsSchema,
          response: withErrors({ 200: CaseDetailSchema }),
        },
      },
      async (request) => {
        const detail = await getCaseDetail(ctx.db, request.params.id);
        // Opening a case reads what the customer wrote: the inbox stops marking it for this person.
        await markCaseRead(ctx.db, request.actor, detail.id, ctx.now());
        return detail;
      },
    );

    app.get(
      '/api/cases/:id/interactions',
      {
        schema: {
          tags,
          summary: "A page of a case's log: the entries before `before` (a seq), oldest first",
          params: IdParamsSchema,
          querystring: InteractionPageQuerySchema,
          response: withErrors({ 200: InteractionPageSchema }),
        },
      },
      async (request) => olderLogPage(ctx.db, request.params.id, request.query),
    );

    app.patch(
      '/api/cases/:id',
      {
        schema: {
          tags,
          summary: 'Change status, stage, fault or assignee',
          params: IdParamsSchema,
          body: CasePatchSchema,
          response: withErrors({ 200: CaseDetailSchema }),
        },
      },
      async (request) => {
        const updated = await updateCase(ctx.db, request.actor, request.params.id, request.body, ctx.now());
        await publishChange(ctx.db, caseChangeOf('case.updated', updated));
        return updated;
      },
    );

    app.post(
      '/api/cases/:id/interactions',
      {
        schema: {
          tags,
          summary:
            "Log a customer's message (with how it reached us), send a reply, add a note, log a call (direction, minutes)",
          params: IdParamsSchema,
          body: NewInteractionSchema,
          response: withErrors({ 201: InteractionSchema }),
        },
      },
      async (request, reply) => {
        const now = ctx.now();
        const byMail =
          request.body.kind === 'outbound'
            ? await replyByMail(ctx.db, request.actor, request.params.id, request.body.body, now)
            : null;
        const stored = await addInteraction(
          ctx.db,
          request.actor,
          request.params.id,
          request.body,
          now,
          byMail?.alsoWrite,
        );
        await publishChange(ctx.db, {
          type: 'interaction.added',
          caseId: stored.caseId,
          interactionId: stored.id,
          kind: stored.kind,
        });
        if (!byMail) return reply.status(201).send(stored);
        announceQueuedMail();
        const delivery = {
          state: 'queued',
          to: byMail.thread.to,
          reason: null,
          problem: null,
          detail: null,
          attempts: 0,
          sentAt: null,
        } as const;
        return reply.status(201).send({ ...stored, delivery });
      },
    );

    app.get(
      '/api/cases/:id/verify',
      {
        schema: {
          tags,
          summary: "Verify the case's hash chain",
          params: IdParamsSchema,
          response: withErrors({ 200: ChainVerdictSchema }),
        },
      },
      async (request) => verifyCaseLog(ctx.db, request.params.id),
    );

    app.post(
      '/api/cases/:id/compensations',
      {
        schema: {
          tags: ['compensations'],
          summary: 'Propose a compensation',
          params: IdParamsSchema,
          body: NewCompensationSchema,
          response: withErrors({ 201: CompensationSchema }),
        },
      },
      async (request, reply) => {
        const proposed = await proposeCompensation(
          ctx.db,
          request.actor,
          request.params.id,
          request.body,
          ctx.now(),
        );
        return reply.status(201).send(proposed);
      },
    );

    app.post(
      '/api/compensations/:id/decision',
      {
        schema: {
          tags: ['compensations'],
          summary: 'Approve, reject or mark issued',
          params: IdParamsSchema,
          body: CompensationDecisionSchema,
          response: withErrors({ 200: CompensationSchema }),
        },
      },
      async (request) =>
        decideCompensation(ctx.db, request.actor, request.params.id, request.body, ctx.now()),
    );
  };
}
