import type { MailOutcome } from '@calmdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, requireRole } from '../auth/actor.ts';
import { createCase } from '../cases/cases.service.ts';
import { addInteraction } from '../cases/interactions.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { MailKind, MailState } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { classifyMail } from './classify-mail.ts';
import { getReplySecret } from './mailboxes.service.ts';
import { MAX_BODY_CHARS, messageIdsIn, type ParsedMail, parseMail, peekMessageId } from './parse-mail.ts';
import { stripReplyPrefixes } from './reply-prefixes.ts';
import { caseOfMessageIds, caseOfReplyAddress } from './reply-tokens.ts';

/** Mail is written into the log by CalmDesk itself; audited as `cli` (the local system) for now. */
const MAIL_ACTOR: Actor = { kind: 'cli', role: 'owner' };

/** A case reference a subject may carry: `[#` and the first 8 characters of the case id `]`. */
const SUBJECT_REFERENCE = /\[#([0-9a-f]{8})\]/i;

export interface RawMail {
  uidValidity: string;
  uid: string;
  raw: Uint8Array;
}

/**
 * Stores a raw message before anything reads it, so nothing is lost if parsing or the case fails.
 * A message already taken (same UIDVALIDITY + UID, or the same Message-ID) is left alone: the
 * answer is false.
 */
export async function storeRawMail(db: Db, mailboxId: string, mail: RawMail, now: Date): Promise<boolean> {
  return insertRawMail(db, mailboxId, mail.uidValidity, mail.uid, mail.raw, now);
}

/** The UIDVALIDITY of mail received by CalmDesk's SMTP listener: never an IMAP server's (those are non-zero). */
export const SMTP_UID_VALIDITY = '0';

/**
 * Stores a raw message received by SMTP, as storeRawMail does, under UIDVALIDITY 0 and the next UID
 * of the `mail_smtp_uid` sequence. False when its Message-ID was taken already.
 */
export async function storeSmtpMail(db: Db, mailboxId: string, raw: Uint8Array, now: Date): Promise<boolean> {
  return insertRawMail(db, mailboxId, SMTP_UID_VALIDITY, sql<string>`nextval('mail_smtp_uid')`, raw, now);
}

async function insertRawMail(
  db: Db,
  mailboxId: string,
  uidValidity: string,
  uid: string | RawBuilder<string>,
  raw: Uint8Array,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('mail_messages')
    .values({
      id: newId(),
      mailbox_id: mailboxId,
      uid_validity: uidValidity,
      uid,
      message_id: peekMessageId(raw),
      raw,
      size: raw.byteLength,
      received_at: now,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Processes every stored message of a mailbox not yet processed, oldest first. */
export async function processReceivedMail(
  db: Db,
  mailboxId: string,
  now: () => Date,
): Promise<MailOutcome[]> {
  const waiting = await db
    .selectFrom('mail_messages')
    .select('id')
    .where('mailbox_id', '=', mailboxId)
    .where('state', '=', 'received')
    .orderBy('received_at')
    .orderBy('uid')
    .execute();
  const outcomes: MailOutcome[] = [];
  for (const { id } of waiting) {
    outcomes.push(await processMail(db, id, now()));
    // PGlite answers in microtasks, so without this a backlog of mail would hold off every HTTP
    // request until its last mail (300 mails kept the API waiting 3 s).
    await new Promise((resolve) => setImmediate(resolve));
  }
  return outcomes;
}

/** Processes a failed message again (supervisor or owner). */
export async function retryMail(db: Db, actor: Actor, id: string, now: Date): Promise<MailOutcome> {
  requireRole(actor, 'supervisor', 'retry a mail');
  const row = await db.selectFrom('mail_messages').select('state').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('mail', id);
  if (row.state !== 'failed') throw new AppError('conflict', `mail ${id} is ${row.state}, not failed`);
  return processMail(db, id, now);
}

/**
 * Parses a stored message and gives it to its case: a reply to the case it threads into, a new mail
 * to a new case; auto-replies and bounces are recorded and open nothing. A failure is kept on the
 * message with its reason, and the next message goes on.
 */
export async function processMail(db: Db, id: string, now: Date): Promise<MailOutcome> {
  const row = await db
    .selectFrom('mail_messages')
    .select(['mailbox_id', 'raw'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  try {
    const mail = await parseMail(row.raw);
    await handleMail(db, id, row.mailbox_id, row.raw, mail, now);
  } catch (error) {
    await db
      .updateTable('mail_messages')
      .set((eb) => ({
        state: 'failed',
        reason: describeFailure(error),
        attempts: eb('attempts', '+', 1),
        processed_at: now,
      }))
      .where('id', '=', id)
      .where('state', 'in', ['received', 'failed'])
      .execute();
  }
  return readOutcome(db, id);
}

async function handleMail(
  db: Db,
  id: string,
  mailboxId: string,
  raw: Uint8Array,
  mail: ParsedMail,
  now: Date,
): Promise<void> {
  const mailbox = await getReplySecret(db, mailboxId);
  const seen = {
    from_address: mail.from?.address.slice(0, 320) ?? null,
    subject: mail.subject.slice(0, 500),
    processed_at: now,
  };
  const verdict = classifyMail(mail);
  if (verdict.kind !== 'mail') {
    const bounced = verdict.kind === 'bounce' ? await bouncedInteraction(db, mailbox, raw) : null;
    await finish(db, id, 'ignored', verdict.kind, {
      ...seen,
      reason: verdict.reason,
      bounced_interaction_id: bounced,
    });
    return;
  }
  const from = mail.from;
  if (!from) throw new MailError('the mail has no sender address (From)');
  const caseId = await findThread(db, mailboxId, mailbox, mail);
  const body = bodyOf(mail);
  await db.transaction().execute(async (trx) => {
    // Taken by this transaction, or by another process first: then there is nothing left to do.
    const claimed = await trx
      .updateTable('mail_messages')
      .set({ state: 'received' })
      .where('id', '=', id)
      .where('state', 'in', ['received', 'failed'])
      .returning('id')
      .executeTakeFirst();
    if (!claimed) return;
    const stored = caseId
      ? await addInteraction(trx, MAIL_ACTOR, caseId, { kind: 'inbound', body }, now)
      : await openCase(trx, mail, from, body, now);
    await storeAttachments(trx, id, mail);
    await finish(trx, id, 'processed', 'mail', {
      ...seen,
      reason: null,
      case_id: stored.caseId,
      interaction_id: stored.id,
    });
  });
}

async function openCase(
  db: Db,
  mail: ParsedMail,
  from: { name: string; address: string },
  body: string,
  now: Date,
): Promise<{ id: string; caseId: string }> {
  const detail = await createCase(
    db,
    MAIL_ACTOR,
    {
      customer: {
        name: (from.name || from.address.split('@')[0] || from.address).slice(0, 200),
        email: from.address,
      },
      channel: 'email',
      subject: (stripReplyPrefixes(mail.subject) || '(no subject)').slice(0, 300),
      message: { body },
    },
    now,
  );
  const first = detail.interactions.at(-1);
  if (!first) throw new MailError('the case was opened without its message');
  return { id: first.id, caseId: detail.id };
}

/**
 * The case a mail belongs to, in this order: our signed reply address among its recipients, one of
 * our Message-IDs (or a mail already taken into a case) in In-Reply-To/References, a `[#xxxxxxxx]`
 * case reference in the subject when the sender is that case's customer; else none (a new case).
 */
async function findThread(
  db: Db,
  mailboxId: string,
  mailbox: { address: string; secret: string },
  mail: ParsedMail,
): Promise<string | null> {
  const byAddress = caseOfReplyAddress(mailbox.address, mailbox.secret, mail.recipients);
  if (byAddress && (await caseExists(db, byAddress))) return byAddress;
  const referenced = [...mail.inReplyTo, ...[...mail.references].reverse()];
  const ours = caseOfMessageIds(mailbox.address, mailbox.secret, referenced);
  if (ours && (await caseExists(db, ours.caseId))) return ours.caseId;
  if (referenced.length > 0) {
    const earlier = await db
      .selectFrom('mail_messages')
      .select('case_id')
      .where('mailbox_id', '=', mailboxId)
      .where('message_id', 'in', referenced)
      .where('case_id', 'is not', null)
      .orderBy('received_at', 'desc')
      .executeTakeFirst();
    if (earlier?.case_id) return earlier.case_id;
  }
  const reference = SUBJECT_REFERENCE.exec(mail.subject)?.[1]?.toLowerCase();
  if (reference && mail.from) {
    const match = await db
      .selectFrom('cases')
      .innerJoin('customers', 'customers.id', 'cases.customer_id')
      .select('cases.id')
      .where('cases.id', 'like', `${reference}%`)
      .where(sql<boolean>`customers.emails @> ARRAY[${mail.from.address}]::text[]`)
      .orderBy('cases.created_at', 'desc')
      .executeTakeFirst();
    if (match) return match.id;
  }
  return null;
}

async function caseExists(db: Db, caseId: string): Promise<boolean> {
  return (
    (await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst()) !== undefined
  );
}

/** The outbound interaction a DSN reports on: one of our Message-IDs anywhere in the returned headers. */
async function bouncedInteraction(
  db: Db,
  mailbox: { address: string; secret: string },
  raw: Uint8Array,
): Promise<string | null> {
  const ids = messageIdsIn(new TextDecoder('latin1').decode(raw));
  const ours = caseOfMessageIds(mailbox.address, mailbox.secret, ids);
  if (!ours) return null;
  const found = await db
    .selectFrom('interactions')
    .select('id')
    .where('id', '=', ours.interactionId)
    .where('case_id', '=', ours.caseId)
    .where('kind', '=', 'outbound')
    .executeTakeFirst();
  return found?.id ?? null;
}

function bodyOf(mail: ParsedMail): string {
  const attachments = mail.attachments.length;
  if (mail.text === '') return attachments > 0 ? `(no text; ${attachments} attachment(s))` : '(no text)';
  if (mail.text.length <= MAX_BODY_CHARS) return mail.text;
  const note = '\n\n[… cut here: the whole mail is kept with the case]';
  return mail.text.slice(0, MAX_BODY_CHARS - note.length) + note;
}

async function storeAttachments(db: Db, messageId: string, mail: ParsedMail): Promise<void> {
  if (mail.attachments.length === 0) return;
  await db
    .insertInto('mail_attachments')
    .values(
      mail.attachments.map((a) => ({
        id: newId(),
        message_id: messageId,
        filename: a.filename?.slice(0, 500) ?? null,
        content_type: a.contentType.slice(0, 200),
        disposition: a.disposition,
        content_id: a.contentId?.slice(0, 500) ?? null,
        size: a.size,
        content: a.content,
        note: a.note,
      })),
    )
    .execute();
}

async function finish(
  db: Db,
  id: string,
  state: MailState,
  kind: MailKind,
  fields: {
    from_address: string | null;
    subject: string;
    processed_at: Date;
    reason: string | null;
    case_id?: string;
    interaction_id?: string;
    bounced_interaction_id?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('mail_messages')
    .set((eb) => ({ ...fields, state, kind, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

async function readOutcome(db: Db, id: string): Promise<MailOutcome> {
  const row = await db
    .selectFrom('mail_messages')
    .select(['id', 'state', 'kind', 'reason', 'case_id', 'interaction_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    state: row.state,
    kind: row.kind,
    reason: row.reason,
    caseId: row.case_id,
    interactionId: row.interaction_id,
  };
}

/** A mail that cannot become an interaction as it is; its message is the reason shown to the owner. */
class MailError extends Error {}

function describeFailure(error: unknown): string {
  if (error instanceof MailError || error instanceof AppError) return error.message;
  return `could not process the mail: ${error instanceof Error ? error.message : String(error)}`.slice(
    0,
    1000,
  );
}
