import { createHash } from 'node:crypto';
import { ownText } from '@calmdesk/analysis';
import type { MailOutcome, MailProblem } from '@calmdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, requireRole } from '../auth/actor.ts';
import { createCase } from '../cases/cases.service.ts';
import type { AttachmentFacts } from '../cases/chain.ts';
import { addInteraction } from '../cases/interactions.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { MailKind, MailState } from '../db/schema.ts';
import { isRetryableTransactionError } from '../db/sql-state.ts';
import { AppError, notFound } from '../errors.ts';
import { publishChange } from '../live/live-feed.ts';
import { queueAcknowledgement } from './acknowledgement.ts';
import { classifyMail } from './classify-mail.ts';
import { getReplySecret } from './mailboxes.service.ts';
import { markMailBounced } from './outbox.service.ts';
import { announceQueuedMail } from './outbox-signal.ts';
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

/**
 * storeRawMail for many messages in one statement: what one IMAP fetch brings is stored in a round
 * trip per batch instead of one per mail. Gives how many were new.
 */
export async function storeRawMails(db: Db, mailboxId: string, mails: RawMail[], now: Date): Promise<number> {
  if (mails.length === 0) return 0;
  const result = await db
    .insertInto('mail_messages')
    .values(
      mails.map((mail) => ({
        id: newId(),
        mailbox_id: mailboxId,
        uid_validity: mail.uidValidity,
        uid: mail.uid,
        message_id: peekMessageId(mail.raw),
        raw: mail.raw,
        size: mail.raw.byteLength,
        received_at: now,
      })),
    )
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
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

/** At most this many raw mails, or this many bytes of them, are read from the database at once. */
const READ_BATCH_MAILS = 50;
const READ_BATCH_BYTES = 16 * 1024 * 1024;
/**
 * Mails processed at once, each in its own transaction on its own connection: the work is mostly
 * waiting for the database's answers. (PGlite has one connection: there they go one by one.)
 */
const PROCESS_AT_ONCE = 4;
const LARGE_MAIL_BYTES = 1024 * 1024;

/**
 * Processes every stored message of a mailbox not yet processed, oldest first. Mails that cannot
 * depend on each other go at once: a mail waits for the earlier one from the same sender (its
 * customer, a `[#case]` subject reference) and for the mails its In-Reply-To and References name, so
 * it threads exactly as it would one by one.
 */
export async function processReceivedMail(
  db: Db,
  mailboxId: string,
  now: () => Date,
): Promise<MailOutcome[]> {
  const waiting = await db
    .selectFrom('mail_messages')
    .select(['id', 'size'])
    .where('mailbox_id', '=', mailboxId)
    .where('state', '=', 'received')
    .orderBy('received_at')
    .orderBy('uid')
    .execute();
  if (waiting.length === 0) return [];
  const mailbox = await getReplySecret(db, mailboxId);
  const outcomes: Array<MailOutcome | undefined> = [];
  const running = new Set<Promise<void>>();
  // A mail's failure is kept on it; what lands here is the database failing, which ends the run.
  let broken: { error: unknown } | undefined;
  const bySender = new Map<string, Promise<void>>();
  const byMessageId = new Map<string, Promise<void>>();
  // The raw mail is read a batch at a time: one round trip for many small mails, never many big ones at once.
  for (const batch of batchesOf(waiting)) {
    if (broken) break;
    const rows = await db
      .selectFrom('mail_messages')
      .select(['id', 'mailbox_id', 'raw'])
      .where(
        'id',
        'in',
        batch.map((mail) => mail.id),
      )
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const { id } of batch) {
      const row = byId.get(id);
      if (!row) continue;
      if (broken) break;
      const parsed = parseMail(row.raw);
      const mail = await parsed.catch(() => null);
      const sender = mail?.from?.address ?? '';
      const isLarge = row.raw.byteLength > LARGE_MAIL_BYTES;
      if (isLarge) await Promise.all(running);
      const referred = mail ? [...mail.inReplyTo, ...mail.references].map((ref) => byMessageId.get(ref)) : [];
      await Promise.all([bySender.get(sender), ...referred]);
      while (running.size >= PROCESS_AT_ONCE) await Promise.race(running);
      const at = outcomes.push(undefined) - 1;
      const work = processStoredMail(db, row, mailbox, now(), parsed).then(
        (outcome) => {
          outcomes[at] = outcome;
        },
        (error: unknown) => {
          broken ??= { error };
        },
      );
      const messageId = mail?.messageId ?? null;
      const tracked = work.finally(() => {
        running.delete(tracked);
        if (bySender.get(sender) === tracked) bySender.delete(sender);
        if (messageId && byMessageId.get(messageId) === tracked) byMessageId.delete(messageId);
      });
      running.add(tracked);
      bySender.set(sender, tracked);
      if (messageId) byMessageId.set(messageId, tracked);
      // A large mail is processed alone: its parsed parts and their copies on the way to the database
      // are many times its size, and four at once would be four times that.
      if (isLarge) await tracked;
      // PGlite answers in microtasks, so without this a backlog of mail would hold off every HTTP
      // request until its last mail (300 mails kept the API waiting 3 s).
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await Promise.all(running);
  if (broken) throw broken.error;
  return outcomes.filter((outcome) => outcome !== undefined);
}

function batchesOf(mails: Array<{ id: string; size: number }>): Array<Array<{ id: string; size: number }>> {
  const batches: Array<Array<{ id: string; size: number }>> = [];
  let current: Array<{ id: string; size: number }> = [];
  let bytes = 0;
  for (const mail of mails) {
    if (current.length > 0 && (current.length >= READ_BATCH_MAILS || bytes + mail.size > READ_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(mail);
    bytes += mail.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
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
  const row = await readStoredMail(db, id);
  return processStoredMail(db, row, await getReplySecret(db, row.mailbox_id), now);
}

/**
 * Processes a stored mail as though parsing it had given `mail`: for fixtures whose mail would be too
 * large to write out (an attachment over the limit), taken the way a parsed mail of that size would be.
 * The stored raw mail stays as it was, so its "original mail" download lacks what `mail` adds.
 */
export async function processMailAsParsed(
  db: Db,
  id: string,
  mail: ParsedMail,
  now: Date,
): Promise<MailOutcome> {
  const row = await readStoredMail(db, id);
  return processStoredMail(db, row, await getReplySecret(db, row.mailbox_id), now, Promise.resolve(mail));
}

function readStoredMail(db: Db, id: string): Promise<StoredMail> {
  return db
    .selectFrom('mail_messages')
    .select(['id', 'mailbox_id', 'raw'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

interface StoredMail {
  id: string;
  mailbox_id: string;
  raw: Uint8Array;
}

type ReplyMailbox = { address: string; secret: string; acknowledge: boolean };

async function processStoredMail(
  db: Db,
  row: StoredMail,
  mailbox: ReplyMailbox,
  now: Date,
  parsed: Promise<ParsedMail> = parseMail(row.raw),
): Promise<MailOutcome> {
  try {
    const mail = await parsed.catch((error: unknown) => {
      throw new MailError('unreadable', 'could not process the mail', messageOf(error));
    });
    return (await handleMailRetrying(db, row, mailbox, mail, now)) ?? (await readOutcome(db, row.id));
  } catch (error) {
    const failure = describeFailure(error);
    const failed = await db
      .updateTable('mail_messages')
      .set((eb) => ({
        state: 'failed',
        reason: failure.reason,
        problem: failure.problem,
        detail: failure.detail,
        attempts: eb('attempts', '+', 1),
        processed_at: now,
      }))
      .where('id', '=', row.id)
      .where('state', 'in', ['received', 'failed'])
      .returning(OUTCOME_COLUMNS)
      .executeTakeFirst();
    return failed ? outcomeOf(failed) : readOutcome(db, row.id);
  }
}

/** Tries of a mail whose transaction the database gave up on (a lost race): it is simply taken again. */
const MAIL_TRIES = 4;

async function handleMailRetrying(
  db: Db,
  row: StoredMail,
  mailbox: ReplyMailbox,
  mail: ParsedMail,
  now: Date,
): Promise<MailOutcome | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handleMail(db, row, mailbox, mail, now);
    } catch (error) {
      if (attempt >= MAIL_TRIES || !isRetryableTransactionError(error)) throw error;
      // A short, growing pause with jitter, so the transactions that collided do not collide again.
      await new Promise((resolve) => setTimeout(resolve, attempt * 20 + Math.random() * 30));
    }
  }
}

/** What became of the mail; undefined when another process took it first (its outcome is read then). */
async function handleMail(
  db: Db,
  row: StoredMail,
  mailbox: ReplyMailbox,
  mail: ParsedMail,
  now: Date,
): Promise<MailOutcome | undefined> {
  const { id, mailbox_id: mailboxId, raw } = row;
  const seen = {
    from_address: mail.from?.address.slice(0, 320) ?? null,
    subject: mail.subject.slice(0, 500),
    processed_at: now,
  };
  const verdict = classifyMail(mail);
  if (verdict.kind !== 'mail') {
    const bounced = verdict.kind === 'bounce' ? await recordBounce(db, mailbox, raw, verdict.reason) : null;
    const done = await finish(db, id, 'ignored', verdict.kind, {
      ...seen,
      reason: verdict.reason,
      problem: null,
      detail: null,
      bounced_interaction_id: bounced,
    });
    if (!done) return undefined;
    return {
      id,
      state: 'ignored',
      kind: verdict.kind,
      reason: verdict.reason,
      problem: null,
      caseId: null,
      interactionId: null,
    };
  }
  const from = mail.from;
  if (!from) throw new MailError('no_sender', 'the mail has no sender address (From)');
  const caseId = await findThread(db, mailboxId, mailbox, mail);
  const body = bodyOf(mail);
  const taken = await db.transaction().execute(async (trx) => {
    // Taken by this transaction, or by another process first: then there is nothing left to do.
    const claimed = await trx
      .updateTable('mail_messages')
      .set({ state: 'received' })
      .where('id', '=', id)
      .where('state', 'in', ['received', 'failed'])
      .returning('id')
      .executeTakeFirst();
    if (!claimed) return undefined;
    const stored = caseId
      ? await addInteraction(trx, MAIL_ACTOR, caseId, { kind: 'inbound', body }, now, undefined, {
          attachments: attachmentFacts(mail),
        })
      : await openCase(trx, mail, from, body, now);
    await storeAttachments(trx, id, mail);
    await finish(trx, id, 'processed', 'mail', {
      ...seen,
      reason: null,
      problem: null,
      detail: null,
      case_id: stored.caseId,
      interaction_id: stored.id,
    });
    const acknowledged =
      'opened' in stored &&
      (await queueAcknowledgement(trx, { id: mailboxId, ...mailbox }, mail, stored.opened, now));
    const outcome: MailOutcome = {
      id,
      state: 'processed',
      kind: 'mail',
      reason: null,
      problem: null,
      caseId: stored.caseId,
      interactionId: stored.id,
    };
    return { stored, acknowledged, outcome };
  });
  if (!taken) return undefined;
  if (taken.acknowledged) announceQueuedMail();
  await publishChange(
    db,
    'opened' in taken.stored
      ? { type: 'case.created', caseId: taken.stored.caseId, status: 'new', assigneeId: null }
      : {
          type: 'interaction.added',
          caseId: taken.stored.caseId,
          interactionId: taken.stored.id,
          kind: 'inbound',
        },
  );
  return taken.outcome;
}

async function openCase(
  db: Db,
  mail: ParsedMail,
  from: { name: string; address: string },
  body: string,
  now: Date,
): Promise<{
  id: string;
  caseId: string;
  opened: { caseId: string; subject: string; language: string | null };
}> {
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
    { attachments: attachmentFacts(mail) },
  );
  const first = detail.interactions.at(-1);
  if (!first) throw new MailError('other', 'the case was opened without its message');
  return {
    id: first.id,
    caseId: detail.id,
    opened: { caseId: detail.id, subject: detail.subject, language: detail.language },
  };
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

/**
 * A DSN names one of our mails (its Message-ID anywhere in the returned headers): that mail failed, with
 * the bounce's reason. The answer is the outbound interaction it carried, if any.
 */
async function recordBounce(
  db: Db,
  mailbox: { address: string; secret: string },
  raw: Uint8Array,
  reason: string,
): Promise<string | null> {
  const ids = returnedMessageIds(new TextDecoder('latin1').decode(raw));
  await markMailBounced(db, ids, reason);
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

/**
 * The Message-IDs a DSN gives back in its `Message-ID:` (or `Original-Message-ID:`) header lines: the
 * returned mail's own, never the ones in its References, which name earlier mails that did arrive.
 */
export function returnedMessageIds(text: string): string[] {
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  const lines = unfolded.matchAll(/^(?:x-)?(?:original-)?message-id:[ \t]*(.*)$/gim);
  return [...lines].flatMap((line) => messageIdsIn(line[1] ?? ''));
}

/** What the case logs and analyses: the customer's own words, without the quoted history or signature. */
function bodyOf(mail: ParsedMail): string {
  const attachments = mail.attachments.length;
  if (mail.text === '') return attachments > 0 ? `(no text; ${attachments} attachment(s))` : '(no text)';
  const text = ownText(mail.text);
  if (text.length <= MAX_BODY_CHARS) return text;
  const note = '\n\n[… cut here: the whole mail is kept with the case]';
  return text.slice(0, MAX_BODY_CHARS - note.length) + note;
}

/** A mail's attachments as mail_attachments stores them. */
function attachmentColumns(mail: ParsedMail) {
  return mail.attachments.map((a) => ({
    filename: a.filename?.slice(0, 500) ?? null,
    content_type: a.contentType.slice(0, 200),
    disposition: a.disposition,
    content_id: a.contentId?.slice(0, 500) ?? null,
    size: a.size,
    content: a.content,
    note: a.note,
  }));
}

/** What the log entry of this mail chains of its attachments (cases/chain.ts), before they are stored. */
function attachmentFacts(mail: ParsedMail): AttachmentFacts[] {
  return attachmentColumns(mail).map(({ content, ...facts }) => ({
    ...facts,
    content_digest: content ? createHash('sha256').update(content).digest('hex') : null,
  }));
}

async function storeAttachments(db: Db, messageId: string, mail: ParsedMail): Promise<void> {
  if (mail.attachments.length === 0) return;
  await db
    .insertInto('mail_attachments')
    .values(attachmentColumns(mail).map((columns) => ({ id: newId(), message_id: messageId, ...columns })))
    .execute();
}

/** Records what became of the mail, unless another process has done so first (then false). */
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
    problem: null;
    detail: null;
    case_id?: string;
    interaction_id?: string;
    bounced_interaction_id?: string | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('mail_messages')
    .set((eb) => ({ ...fields, state, kind, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('state', 'in', ['received', 'failed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

async function readOutcome(db: Db, id: string): Promise<MailOutcome> {
  return outcomeOf(
    await db
      .selectFrom('mail_messages')
      .select(OUTCOME_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

const OUTCOME_COLUMNS = ['id', 'state', 'kind', 'reason', 'problem', 'case_id', 'interaction_id'] as const;

function outcomeOf(row: {
  id: string;
  state: MailState;
  kind: MailKind | null;
  reason: string | null;
  problem: MailProblem | null;
  case_id: string | null;
  interaction_id: string | null;
}): MailOutcome {
  return {
    id: row.id,
    state: row.state,
    kind: row.kind,
    reason: row.reason,
    problem: row.problem,
    caseId: row.case_id,
    interactionId: row.interaction_id,
  };
}

/**
 * A mail that cannot become an interaction as it is: the problem's code (said in the reader's language),
 * its reason in English, and the parser's own words when it has some.
 */
class MailError extends Error {
  constructor(
    readonly problem: MailProblem,
    reason: string,
    readonly detail: string | null = null,
  ) {
    super(reason);
  }
}

function describeFailure(error: unknown): { problem: MailProblem; reason: string; detail: string | null } {
  if (error instanceof MailError) {
    const reason = error.detail ? `${error.message}: ${error.detail}` : error.message;
    return { problem: error.problem, reason: reason.slice(0, 1000), detail: error.detail };
  }
  const said = messageOf(error);
  if (error instanceof AppError) return { problem: 'other', reason: said, detail: said };
  return { problem: 'other', reason: `could not process the mail: ${said}`.slice(0, 1000), detail: said };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
