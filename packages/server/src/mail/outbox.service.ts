import type { Delivery, DeliveryProblem } from '@calmdesk/contracts';
import type { OperationNodeSource } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { OutboxKind } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { getSettings } from '../settings/settings.service.ts';
import { ourMessageId, replyAddress } from './reply-tokens.ts';

/** The newest references a mail carries: enough for every client to thread it, short enough for any server. */
const MAX_REFERENCES = 20;

/** How a case answers by mail: the mailbox it came in by, the customer's address and the thread so far. */
export interface MailThread {
  mailboxId: string;
  mailboxAddress: string;
  secret: string;
  /** Null for a mail that belongs to no case (a letter to a customer who never wrote by mail). */
  caseId: string | null;
  subject: string;
  to: string;
  inReplyTo: string | null;
  references: string[];
}

/**
 * The thread a reply on this case joins, when the case came by mail: the newest mail of the customer
 * (its mailbox, sender and Message-ID) and every Message-ID of the case so far, ours included.
 * Null for a case that never had mail: its replies are logged only.
 */
export async function mailThreadOf(db: Db, caseId: string): Promise<MailThread | null> {
  const [latest, ids] = await Promise.all([
    db
      .selectFrom('mail_messages')
      .innerJoin('mailboxes', 'mailboxes.id', 'mail_messages.mailbox_id')
      .innerJoin('cases', 'cases.id', 'mail_messages.case_id')
      .select([
        'mail_messages.mailbox_id',
        'mail_messages.from_address',
        'mail_messages.message_id',
        'mailboxes.address',
        'mailboxes.reply_secret',
        'cases.subject',
      ])
      .where('mail_messages.case_id', '=', caseId)
      .where('mail_messages.kind', '=', 'mail')
      .where('mail_messages.from_address', 'is not', null)
      .orderBy('mail_messages.received_at', 'desc')
      .orderBy('mail_messages.uid', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('mail_messages')
      .select(['message_id', 'received_at as at'])
      .where('case_id', '=', caseId)
      .where('message_id', 'is not', null)
      .unionAll(
        db
          .selectFrom('mail_outbox')
          .select(['message_id', 'created_at as at'])
          .where('case_id', '=', caseId)
          .where('kind', 'in', ['reply', 'acknowledgement', 'letter']),
      )
      .orderBy('at')
      .execute(),
  ]);
  if (!latest?.from_address) return null;
  const references = ids.map((row) => row.message_id).filter((id): id is string => id !== null);
  return {
    mailboxId: latest.mailbox_id,
    mailboxAddress: latest.address,
    secret: latest.reply_secret,
    caseId,
    subject: replySubject(latest.subject, caseId),
    to: latest.from_address,
    inReplyTo: latest.message_id,
    references: references.slice(-MAX_REFERENCES),
  };
}

/** `Re: <the case's subject> [#1a2b3c4d]`: the reference lets a reply with broken headers find its case. */
export function replySubject(caseSubject: string, caseId: string): string {
  const reference = `[#${caseId.slice(0, 8)}]`;
  const subject = caseSubject.includes(reference) ? caseSubject : `${caseSubject} ${reference}`;
  return `Re: ${subject}`;
}

export interface OutboundMail {
  kind: OutboxKind;
  /** The log entry the mail carries; its id makes the Message-ID. */
  interactionId: string | null;
  boundaryDecisionId?: string;
  subject?: string;
  body: string;
  autoSubmitted?: boolean;
}

/**
 * The outbox row for a mail on this thread, as a write not yet run: it rides in the statement or
 * transaction that stores what caused it, so a mail is queued exactly when its cause is stored.
 */
export function outboxInsert(db: Db, thread: MailThread, mail: OutboundMail, now: Date) {
  const id = newId();
  return db.insertInto('mail_outbox').values({
    id,
    mailbox_id: thread.mailboxId,
    case_id: thread.caseId,
    interaction_id: mail.interactionId,
    boundary_decision_id: mail.boundaryDecisionId ?? null,
    kind: mail.kind,
    to_address: thread.to,
    subject: mail.subject ?? thread.subject,
    body: mail.body,
    message_id: thread.caseId
      ? ourMessageId(thread.mailboxAddress, thread.secret, thread.caseId, mail.interactionId ?? id)
      : `${id}@${thread.mailboxAddress.split('@')[1]}`,
    in_reply_to: thread.inReplyTo,
    references: thread.references,
    auto_submitted: mail.autoSubmitted ?? false,
    next_attempt_at: now,
    created_at: now,
  });
}

/** The signed address a customer's answer to this thread goes to. */
export function threadReplyAddress(
  thread: Pick<MailThread, 'mailboxAddress' | 'secret'> & { caseId: string },
): string {
  return replyAddress(thread.mailboxAddress, thread.secret, thread.caseId);
}

/** A mail due for delivery, claimed by one sender: others skip it until its lease runs out. */
export interface ClaimedMail {
  id: string;
  mailboxId: string;
  caseId: string | null;
  kind: OutboxKind;
  to: string;
  subject: string;
  body: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  autoSubmitted: boolean;
  attempts: number;
}

/**
 * Takes up to `limit` due mails for this sender: their next attempt moves a lease ahead, so a sender
 * that dies mid-delivery leaves them to be taken again (with the same Message-ID) when it runs out,
 * and two senders never take the same mail at once (SKIP LOCKED).
 */
export async function claimDueMail(
  db: Db,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<ClaimedMail[]> {
  const rows = await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      next_attempt_at: new Date(now.getTime() + leaseMs),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('state', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning([
      'id',
      'mailbox_id',
      'case_id',
      'kind',
      'to_address',
      'subject',
      'body',
      'message_id',
      'in_reply_to',
      'references',
      'auto_submitted',
      'attempts',
    ])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    mailboxId: row.mailbox_id,
    caseId: row.case_id,
    kind: row.kind,
    to: row.to_address,
    subject: row.subject,
    body: row.body,
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    references: row.references,
    autoSubmitted: row.auto_submitted,
    attempts: row.attempts,
  }));
}

export async function markMailSent(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ state: 'sent', sent_at: now, last_error: null, last_problem: null, last_detail: null })
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .execute();
}

/**
 * A failed attempt: tried again at `retryAt`, or given up on (`retryAt` null) with the reason, its code
 * and the server's words shown.
 */
export async function markMailAttemptFailed(
  db: Db,
  id: string,
  failure: { problem: DeliveryProblem; reason: string; detail: string | null },
  retryAt: Date | null,
): Promise<void> {
  const why = {
    last_error: failure.reason.slice(0, 1000),
    last_problem: failure.problem,
    last_detail: failure.detail?.slice(0, 1000) ?? null,
  };
  await db
    .updateTable('mail_outbox')
    .set(retryAt ? { ...why, next_attempt_at: retryAt } : { ...why, state: 'failed' })
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .execute();
}

/**
 * A bounce came back for one of our mails: it failed, whatever the SMTP server said when it took it;
 * the bounce's status and diagnostic are the detail.
 */
export async function markMailBounced(
  db: Db,
  messageIds: readonly string[],
  reason: string,
): Promise<boolean> {
  if (messageIds.length === 0) return false;
  const result = await db
    .updateTable('mail_outbox')
    .set({
      state: 'failed',
      last_error: `bounced: ${reason}`.slice(0, 1000),
      last_problem: 'bounced',
      last_detail: reason.slice(0, 1000),
    })
    .where('message_id', 'in', messageIds)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The writes that mail a reply on this case, when it came by mail: the outbox row goes into the
 * statement that logs the reply, so the reply is mailed exactly when it is stored. The text carries the
 * agent's signature (their own, else their name and the business's).
 */
export async function replyByMail(
  db: Db,
  actor: Actor,
  caseId: string,
  body: string,
  now: Date,
): Promise<{ thread: MailThread; alsoWrite: (entry: { id: string }) => OperationNodeSource[] } | null> {
  const thread = await mailThreadOf(db, caseId);
  // A case that never had mail (a call, a visit) only logs its reply: no signature to read.
  if (!thread) return null;
  const text = `${body.trimEnd()}\n\n-- \n${await signatureOf(db, actor)}`;
  return {
    thread,
    alsoWrite: (entry) => [
      outboxInsert(db, thread, { kind: 'reply', interactionId: entry.id, body: text }, now),
    ],
  };
}

async function signatureOf(db: Db, actor: Actor): Promise<string> {
  const [user, settings] = await Promise.all([
    actor.kind === 'user'
      ? db.selectFrom('users').select(['name', 'signature']).where('id', '=', actor.id).executeTakeFirst()
      : undefined,
    getSettings(db),
  ]);
  if (user?.signature?.trim()) return user.signature.trim();
  return [user?.name, settings.name].filter(Boolean).join('\n');
}

/** The newest delivery of each of these boundary decisions' letters. */
export async function letterDeliveries(
  db: Db,
  decisionIds: readonly string[],
): Promise<Map<string, Delivery>> {
  const found = new Map<string, Delivery>();
  if (decisionIds.length === 0) return found;
  const rows = await db
    .selectFrom('mail_outbox')
    .select([
      'boundary_decision_id',
      'state',
      'to_address',
      'last_error',
      'last_problem',
      'last_detail',
      'attempts',
      'sent_at',
    ])
    .where('boundary_decision_id', 'in', decisionIds)
    .orderBy('created_at')
    .execute();
  for (const row of rows) {
    if (row.boundary_decision_id) found.set(row.boundary_decision_id, presentDelivery(row));
  }
  return found;
}

export function presentDelivery(row: {
  state: Delivery['state'];
  to_address: string;
  last_error: string | null;
  last_problem: Delivery['problem'];
  last_detail: string | null;
  attempts: number;
  sent_at: Date | null;
}): Delivery {
  return {
    state: row.state,
    to: row.to_address,
    reason: row.last_error,
    problem: row.last_problem,
    detail: row.last_detail,
    attempts: row.attempts,
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

/**
 * Queues a boundary letter to the customer: on the thread of their newest case that came by mail (so
 * their answer lands in it), else to their first address from the first mailbox that can send.
 */
export async function queueLetter(
  db: Db,
  letter: { decisionId: string; customerId: string; subject: string; body: string },
  now: Date,
): Promise<Delivery> {
  const thread =
    (await newestMailThread(db, letter.customerId)) ?? (await freshThread(db, letter.customerId));
  await outboxInsert(
    db,
    thread,
    {
      kind: 'letter',
      interactionId: null,
      boundaryDecisionId: letter.decisionId,
      subject: letter.subject,
      body: letter.body,
    },
    now,
  ).execute();
  return {
    state: 'queued',
    to: thread.to,
    reason: null,
    problem: null,
    detail: null,
    attempts: 0,
    sentAt: null,
  };
}

async function newestMailThread(db: Db, customerId: string): Promise<MailThread | null> {
  const newest = await db
    .selectFrom('mail_messages')
    .innerJoin('cases', 'cases.id', 'mail_messages.case_id')
    .select('cases.id')
    .where('cases.customer_id', '=', customerId)
    .where('mail_messages.kind', '=', 'mail')
    .orderBy('mail_messages.received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return newest ? mailThreadOf(db, newest.id) : null;
}

/** A first mail to a customer who never wrote by mail: their first address, the first mailbox that sends. */
async function freshThread(db: Db, customerId: string): Promise<MailThread> {
  const [customer, mailbox] = await Promise.all([
    db.selectFrom('customers').select('emails').where('id', '=', customerId).executeTakeFirst(),
    firstSendingMailbox(db),
  ]);
  const to = customer?.emails[0];
  if (!to) throw new AppError('conflict', 'the customer has no e-mail address: copy the letter instead');
  if (!mailbox)
    throw new AppError(
      'conflict',
      'no mailbox has an outgoing server (SMTP) set: add one under Settings → Channels',
    );
  return {
    mailboxId: mailbox.id,
    mailboxAddress: mailbox.address,
    secret: mailbox.reply_secret,
    caseId: null,
    subject: '',
    to,
    inReplyTo: null,
    references: [],
  };
}

/**
 * Queues an automatic mail to a staff member (a notification) from the first mailbox that can send;
 * false when none can. It belongs to no case thread and asks robots not to answer.
 */
export async function queueStaffMail(
  db: Db,
  mail: { to: string; subject: string; body: string },
  now: Date,
): Promise<boolean> {
  const mailbox = await firstSendingMailbox(db);
  if (!mailbox) return false;
  const thread: MailThread = {
    mailboxId: mailbox.id,
    mailboxAddress: mailbox.address,
    secret: mailbox.reply_secret,
    caseId: null,
    subject: mail.subject,
    to: mail.to,
    inReplyTo: null,
    references: [],
  };
  await outboxInsert(
    db,
    thread,
    { kind: 'notification', interactionId: null, body: mail.body, autoSubmitted: true },
    now,
  ).execute();
  return true;
}

/** The oldest mailbox with an outgoing server: where mail that belongs to no thread leaves from. */
function firstSendingMailbox(db: Db) {
  return db
    .selectFrom('mailboxes')
    .select(['id', 'address', 'reply_secret'])
    .where('smtp_url', 'is not', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}
