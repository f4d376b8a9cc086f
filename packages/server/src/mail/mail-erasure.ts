import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';
import type { DeliveryState } from '../db/schema.ts';

export interface MailErasure {
  mail: number;
  attachments: number;
  outbox: number;
}

/** Who the mail to erase belongs to: the customer's cases, addresses and boundary decisions. */
export interface MailOwner {
  caseIds: readonly string[];
  emails: readonly string[];
  decisionIds: readonly string[];
}

/**
 * Erases a customer's mail: the raw messages (their rows stay, emptied, so the mailbox's UIDs are still
 * known and nothing is fetched twice), their attachments, and the outbox's copies of what we sent them
 * (a mail still queued is not sent any more).
 */
export async function eraseCustomerMail(db: Db, owner: MailOwner): Promise<MailErasure> {
  const messageIds = (
    await db
      .selectFrom('mail_messages')
      .select('id')
      .where((eb) =>
        eb.or([
          ...(owner.caseIds.length > 0 ? [eb('case_id', 'in', owner.caseIds)] : []),
          ...(owner.emails.length > 0 ? [eb(sql`lower(from_address)`, 'in', owner.emails)] : []),
          eb('id', '=', ''),
        ]),
      )
      .execute()
  ).map((row) => row.id);
  return {
    attachments: await deleteAttachments(db, messageIds),
    mail: await emptyMessages(db, messageIds),
    outbox: await emptyOutbox(db, owner),
  };
}

async function deleteAttachments(db: Db, messageIds: readonly string[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  return rowsTouched(await db.deleteFrom('mail_attachments').where('message_id', 'in', messageIds).execute());
}

async function emptyMessages(db: Db, messageIds: readonly string[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  const result = await db
    .updateTable('mail_messages')
    .set({
      raw: new Uint8Array(0),
      message_id: null,
      from_address: null,
      subject: null,
      reason: null,
      detail: null,
    })
    .where('id', 'in', messageIds)
    .execute();
  return rowsTouched(result);
}

async function emptyOutbox(db: Db, owner: MailOwner): Promise<number> {
  const result = await db
    .updateTable('mail_outbox')
    .set({
      to_address: '',
      subject: '',
      body: '',
      in_reply_to: null,
      references: sql<string[]>`'{}'::text[]`,
      last_detail: null,
      last_error: null,
      state: sql<DeliveryState>`CASE WHEN state = 'queued' THEN 'failed' ELSE state END`,
    })
    .where((eb) =>
      eb.or([
        ...(owner.caseIds.length > 0 ? [eb('case_id', 'in', owner.caseIds)] : []),
        ...(owner.decisionIds.length > 0 ? [eb('boundary_decision_id', 'in', owner.decisionIds)] : []),
        ...(owner.emails.length > 0 ? [eb(sql`lower(to_address)`, 'in', owner.emails)] : []),
        eb('id', '=', ''),
      ]),
    )
    .execute();
  return rowsTouched(result);
}
