import { z } from 'zod';
import { CASE_STATUSES, INTERACTION_KINDS } from './enums.ts';

/**
 * What `GET /api/events` streams (Server-Sent Events, one JSON object per `data:` line). Events say
 * what changed, never what was written: a screen that shows the case fetches it again through the API,
 * so no customer text travels this way.
 */
export const LiveUserSchema = z.object({ id: z.string(), name: z.string() });
export type LiveUser = z.infer<typeof LiveUserSchema>;

/** A case was opened (by hand, by the API or from an e-mail). */
export const CaseCreatedEventSchema = z.object({
  type: z.literal('case.created'),
  caseId: z.string(),
  status: z.enum(CASE_STATUSES),
  assigneeId: z.string().nullable(),
});

/** A case's status, stage, fault, subject or assignee changed. */
export const CaseUpdatedEventSchema = z.object({
  type: z.literal('case.updated'),
  caseId: z.string(),
  status: z.enum(CASE_STATUSES),
  assigneeId: z.string().nullable(),
});

/** A message, reply, note or call was added to a case's log. */
export const InteractionAddedEventSchema = z.object({
  type: z.literal('interaction.added'),
  caseId: z.string(),
  interactionId: z.string(),
  kind: z.enum(INTERACTION_KINDS),
});

/** Who has the reply box of a case open right now (the full list; empty when nobody has). */
export const PresenceEventSchema = z.object({
  type: z.literal('presence'),
  caseId: z.string(),
  users: z.array(LiveUserSchema),
});

/**
 * Sent first on a connection that came back with a `Last-Event-ID` the server cannot continue from
 * (another server process, or too long away): what the screens show may be stale, fetch it again.
 */
export const ResyncEventSchema = z.object({ type: z.literal('resync') });

/** A change to a case: what the server publishes after the write commits. */
export const CaseChangeSchema = z.discriminatedUnion('type', [
  CaseCreatedEventSchema,
  CaseUpdatedEventSchema,
  InteractionAddedEventSchema,
]);
export type CaseChange = z.infer<typeof CaseChangeSchema>;

export const LiveEventSchema = z.discriminatedUnion('type', [
  CaseCreatedEventSchema,
  CaseUpdatedEventSchema,
  InteractionAddedEventSchema,
  PresenceEventSchema,
  ResyncEventSchema,
]);
export type LiveEvent = z.infer<typeof LiveEventSchema>;

/** The answer of `POST /api/cases/:id/replying`: who else has this case's reply box open. */
export const ReplyingSchema = z.object({
  users: z.array(LiveUserSchema),
  /** Send the next heartbeat within this many seconds, or the mark expires. */
  expiresInSeconds: z.number().int(),
});
export type Replying = z.infer<typeof ReplyingSchema>;

/** The stream, for the OpenAPI document. */
export const eventStreamAnswer = {
  content: {
    'text/event-stream': {
      schema: z
        .string()
        .describe(
          'Server-Sent Events: `data:` lines each holding one LiveEvent as JSON (case.created, case.updated, interaction.added, presence, resync), `: ping` comments every 25 s',
        ),
    },
  },
};
