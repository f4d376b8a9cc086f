import { randomBytes } from 'node:crypto';
import {
  type Mailbox,
  type MailboxDetail,
  type MailboxPatch,
  type NewMailbox,
  parseServerUrl,
  redactServerUrl,
  type ServerAddress,
} from '@calmdesk/contracts';
import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { normaliseEmail } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { MailboxesTable, MailState } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications/notifications.service.ts';
import type { MailServerProblem } from './mail-errors.ts';

/** What the poller needs to connect: the parsed server addresses with their passwords. */
export interface MailboxConnection {
  id: string;
  address: string;
  imap: ServerAddress;
  smtp: ServerAddress | null;
  replySecret: string;
}

const FAILED_SHOWN = 50;

/** Adds a mailbox (owner); its address must be new. The password is kept apart from the shown URL. */
export async function addMailbox(db: Db, actor: Actor, input: NewMailbox, now: Date): Promise<Mailbox> {
  requireRole(actor, 'owner', 'add a mailbox');
  const address = normaliseEmail(input.address);
  const imap = parseServerUrl(input.imap, ['imap', 'imaps']);
  const smtp = input.smtp ? parseServerUrl(input.smtp, ['smtp', 'smtps']) : null;
  if (input.acknowledge && !smtp) throw noSmtpToAcknowledge();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('mailboxes')
      .select('id')
      .where('address', '=', address)
      .executeTakeFirst();
    if (taken)
      throw new AppError('conflict', `mailbox ${address} exists already (id ${taken.id})`, 'address');
    await trx
      .insertInto('mailboxes')
      .values({
        id,
        address,
        imap_url: redactServerUrl(imap),
        imap_password: imap.password,
        smtp_url: smtp ? redactServerUrl(smtp) : null,
        smtp_password: smtp ? smtp.password : null,
        reply_secret: randomBytes(32).toString('hex'),
        acknowledge: input.acknowledge ?? false,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, actor, { action: 'mailbox.add', targetType: 'mailbox', targetId: id });
  });
  return getMailbox(db, actor, id);
}

/**
 * Changes a mailbox's acknowledgement or SMTP server (owner); each change is audited with its old and
 * new value (an SMTP URL without its password).
 */
export async function updateMailbox(
  db: Db,
  actor: Actor,
  id: string,
  patch: MailboxPatch,
  now: Date,
): Promise<MailboxDetail> {
  requireRole(actor, 'owner', 'change a mailbox');
  const smtp =
    patch.smtp === undefined
      ? undefined
      : patch.smtp === null
        ? null
        : parseServerUrl(patch.smtp, ['smtp', 'smtps']);
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('mailboxes')
      .select(['acknowledge', 'smtp_url'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('mailbox', id);
    const willAcknowledge = patch.acknowledge ?? row.acknowledge;
    const willHaveSmtp = smtp === undefined ? row.smtp_url !== null : smtp !== null;
    if (willAcknowledge && !willHaveSmtp) throw noSmtpToAcknowledge();
    const changes: Array<{ action: string; details: Record<string, unknown> }> = [];
    if (patch.acknowledge !== undefined && patch.acknowledge !== row.acknowledge) {
      changes.push({
        action: 'mailbox.acknowledge',
        details: { from: row.acknowledge, to: patch.acknowledge },
      });
    }
    const smtpUrl = smtp === undefined ? undefined : smtp === null ? null : redactServerUrl(smtp);
    if (smtp !== undefined) {
      changes.push({ action: 'mailbox.smtp', details: { from: row.smtp_url, to: smtpUrl } });
    }
    if (changes.length === 0) return;
    await trx
      .updateTable('mailboxes')
      .set({
        ...(patch.acknowledge === undefined ? {} : { acknowledge: patch.acknowledge }),
        ...(smtp === undefined ? {} : { smtp_url: smtpUrl ?? null, smtp_password: smtp?.password ?? null }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    for (const change of changes) {
      await recordAudit(trx, actor, { ...change, targetType: 'mailbox', targetId: id });
    }
  });
  return getMailbox(db, actor, id);
}

function noSmtpToAcknowledge(): AppError {
  return new AppError(
    'bad_request',
    'an automatic acknowledgement is sent by SMTP: give the mailbox an SMTP server first (or turn the acknowledgement off)',
    'acknowledge',
  );
}

/** Every mailbox with its status and counts (supervisor or owner). */
export async function listMailboxes(db: Db, actor: Actor): Promise<Mailbox[]> {
  requireRole(actor, 'supervisor', 'see the mailboxes');
  const rows = await db.selectFrom('mailboxes').selectAll().orderBy('created_at').execute();
  const counts = await countMessages(db);
  return rows.map((row) => presentMailbox(row, counts.get(row.id)));
}

/** One mailbox: status, last sync, counts and the messages that failed (newest first). */
export async function getMailbox(db: Db, actor: Actor, id: string): Promise<MailboxDetail> {
  requireRole(actor, 'supervisor', 'see a mailbox');
  const row = await db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('mailbox', id);
  const counts = await countMessages(db, id);
  const failed = await db
    .selectFrom('mail_messages')
    .select(['id', 'from_address', 'subject', 'reason', 'problem', 'detail', 'attempts', 'received_at'])
    .where('mailbox_id', '=', id)
    .where('state', '=', 'failed')
    .orderBy('received_at', 'desc')
    .limit(FAILED_SHOWN)
    .execute();
  return {
    ...presentMailbox(row, counts.get(id)),
    failed: failed.map((m) => ({
      id: m.id,
      from: m.from_address,
      subject: m.subject,
      reason: m.reason,
      problem: m.problem,
      detail: m.detail,
      attempts: m.attempts,
      receivedAt: m.received_at.toISOString(),
    })),
  };
}

/** The mailboxes with their secrets, for the poller only. */
export async function loadMailboxConnections(db: Db): Promise<MailboxConnection[]> {
  const rows = await db.selectFrom('mailboxes').selectAll().orderBy('created_at').execute();
  return rows.map(connectionOf);
}

function connectionOf(row: Selectable<MailboxesTable>): MailboxConnection {
  return {
    id: row.id,
    address: row.address,
    imap: { ...parseServerUrl(row.imap_url, ['imap', 'imaps']), password: row.imap_password },
    smtp:
      row.smtp_url === null
        ? null
        : { ...parseServerUrl(row.smtp_url, ['smtp', 'smtps']), password: row.smtp_password ?? '' },
    replySecret: row.reply_secret,
  };
}

/** One mailbox with its secrets, for a connection test. */
export async function loadMailboxConnection(db: Db, id: string): Promise<MailboxConnection> {
  const row = await db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('mailbox', id);
  return connectionOf(row);
}

/** The reply secret of the mailbox a message came in by, and whether it acknowledges new mail. */
export async function getReplySecret(
  db: Db,
  mailboxId: string,
): Promise<{ address: string; secret: string; acknowledge: boolean }> {
  const row = await db
    .selectFrom('mailboxes')
    .select(['address', 'reply_secret', 'acknowledge'])
    .where('id', '=', mailboxId)
    .executeTakeFirstOrThrow();
  return { address: row.address, secret: row.reply_secret, acknowledge: row.acknowledge };
}

export async function markMailboxSynced(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('mailboxes')
    .set({
      status: 'ok',
      last_error: null,
      last_problem: null,
      last_detail: null,
      last_sync_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * A mailbox failed: its status, the problem's code, reason and the server's words; when it was
 * working until now, the owners are told.
 */
export async function markMailboxFailing(
  db: Db,
  id: string,
  failure: MailServerProblem,
  now: Date,
): Promise<void> {
  const reason = failure.reason;
  const fields = {
    last_error: reason.slice(0, 1000),
    last_problem: failure.problem,
    last_detail: failure.detail?.slice(0, 1000) ?? null,
    updated_at: now,
  };
  const started = await db
    .updateTable('mailboxes')
    .set({ status: 'error', ...fields })
    .where('id', '=', id)
    .where('status', '=', 'ok')
    .returning('address')
    .executeTakeFirst();
  if (!started) {
    await db.updateTable('mailboxes').set(fields).where('id', '=', id).execute();
    return;
  }
  await notify(
    db,
    {
      kind: 'mailbox_failing',
      to: { roles: ['owner'] },
      title: started.address,
      details: {
        reason: reason.slice(0, 300),
        problem: failure.problem,
        detail: failure.detail?.slice(0, 300) ?? null,
      },
      dedupeKey: `mailbox_failing:${id}:${now.toISOString()}`,
    },
    now,
  );
}

/** Where the next fetch starts; a changed UIDVALIDITY starts over (Message-IDs keep that from duplicating). */
export async function readSyncPoint(
  db: Db,
  id: string,
): Promise<{ uidValidity: string | null; lastUid: string }> {
  const row = await db
    .selectFrom('mailboxes')
    .select(['uid_validity', 'last_uid'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    uidValidity: row.uid_validity === null ? null : String(row.uid_validity),
    lastUid: String(row.last_uid),
  };
}

export async function saveSyncPoint(db: Db, id: string, uidValidity: string, lastUid: string): Promise<void> {
  await db
    .updateTable('mailboxes')
    .set({ uid_validity: uidValidity, last_uid: lastUid })
    .where('id', '=', id)
    .execute();
}

type Counts = Mailbox['counts'];

async function countMessages(db: Db, mailboxId?: string): Promise<Map<string, Counts>> {
  let query = db
    .selectFrom('mail_messages')
    .select(['mailbox_id', 'state', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['mailbox_id', 'state']);
  if (mailboxId) query = query.where('mailbox_id', '=', mailboxId);
  const counts = new Map<string, Counts>();
  for (const row of await query.execute()) {
    const entry = counts.get(row.mailbox_id) ?? { received: 0, processed: 0, ignored: 0, failed: 0 };
    entry[row.state as MailState] = Number(row.n);
    counts.set(row.mailbox_id, entry);
  }
  return counts;
}

function presentMailbox(
  row: {
    id: string;
    address: string;
    imap_url: string;
    smtp_url: string | null;
    acknowledge: boolean;
    status: 'ok' | 'error';
    last_error: string | null;
    last_problem: Mailbox['lastProblem'];
    last_detail: string | null;
    last_sync_at: Date | null;
    created_at: Date;
  },
  counts: Counts | undefined,
): Mailbox {
  return {
    id: row.id,
    address: row.address,
    imap: row.imap_url,
    smtp: row.smtp_url,
    acknowledge: row.acknowledge,
    status: row.status,
    lastError: row.last_error,
    lastProblem: row.last_problem,
    lastDetail: row.last_detail,
    lastSyncAt: row.last_sync_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    counts: counts ?? { received: 0, processed: 0, ignored: 0, failed: 0 },
  };
}
