import type { MailOfEntry } from '../cases/present.ts';
import type { Db } from '../db/database.ts';
import { presentDelivery } from './outbox.service.ts';

/**
 * For the log entries of these cases: the mail each inbound entry came as (with its attachments) and
 * the delivery of each reply that went out by mail (of the entries named, when `interactionIds` is
 * given: a page of a long log). Two queries however many cases.
 */
export async function mailOfEntries(
  db: Db,
  caseIds: readonly string[],
  interactionIds?: readonly string[],
): Promise<Map<string, MailOfEntry>> {
  const found = new Map<string, MailOfEntry>();
  if (caseIds.length === 0 || interactionIds?.length === 0) return found;
  const [received, sent] = await Promise.all([
    db
      .selectFrom('mail_messages')
      .leftJoin('mail_attachments', 'mail_attachments.message_id', 'mail_messages.id')
      .select([
        'mail_messages.id',
        'mail_messages.interaction_id',
        'mail_attachments.id as attachment_id',
        'mail_attachments.filename',
        'mail_attachments.content_type',
        'mail_attachments.size',
        'mail_attachments.disposition',
        'mail_attachments.note',
        (eb) => eb('mail_attachments.content', 'is not', null).as('stored'),
      ])
      .where('mail_messages.case_id', 'in', caseIds)
      .where('mail_messages.interaction_id', 'is not', null)
      .$if(interactionIds !== undefined, (q) =>
        q.where('mail_messages.interaction_id', 'in', interactionIds ?? []),
      )
      .orderBy('mail_attachments.id')
      .execute(),
    db
      .selectFrom('mail_outbox')
      .select([
        'interaction_id',
        'state',
        'to_address',
        'last_error',
        'last_problem',
        'last_detail',
        'attempts',
        'sent_at',
      ])
      .where('case_id', 'in', caseIds)
      .where('interaction_id', 'is not', null)
      .$if(interactionIds !== undefined, (q) => q.where('interaction_id', 'in', interactionIds ?? []))
      .execute(),
  ]);
  for (const row of received) {
    if (!row.interaction_id) continue;
    const entry = found.get(row.interaction_id) ?? { mail: { id: row.id, attachments: [] }, delivery: null };
    found.set(row.interaction_id, entry);
    if (row.attachment_id === null || !entry.mail) continue;
    entry.mail.attachments.push({
      id: row.attachment_id,
      filename: row.filename,
      contentType: row.content_type ?? 'application/octet-stream',
      size: row.size ?? 0,
      inline: row.disposition === 'inline',
      stored: Boolean(row.stored),
      note: row.note,
    });
  }
  for (const row of sent) {
    if (!row.interaction_id) continue;
    found.set(row.interaction_id, {
      mail: null,
      delivery: presentDelivery(row),
    });
  }
  return found;
}
