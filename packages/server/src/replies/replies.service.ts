import type {
  CannedReply,
  CannedReplyInput,
  CannedReplyPatch,
  CaseReplies,
  Lang,
  Salutation,
  SpeakerForm,
} from '@calmdesk/contracts';
import { LANGS } from '@calmdesk/contracts';
import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, hasRole, userIdOf } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { CannedRepliesTable } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { mailThreadOf } from '../mail/outbox.service.ts';
import { getSettings } from '../settings/settings.service.ts';
import { fillReply, type ReplyValues } from './fill-reply.ts';

type ReplyRow = Selectable<CannedRepliesTable>;

/** Shared replies are managed by a supervisor or owner; a personal one by its owner alone. */
function canEdit(actor: Actor, row: Pick<ReplyRow, 'owner_id'>): boolean {
  if (row.owner_id === null) return hasRole(actor, 'supervisor');
  return userIdOf(actor) === row.owner_id;
}

function present(actor: Actor, row: ReplyRow): CannedReply {
  return {
    id: row.id,
    lang: row.lang,
    title: row.title,
    body: row.body,
    scope: row.owner_id === null ? 'shared' : 'personal',
    canEdit: canEdit(actor, row),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The replies this person may use: the shared ones and their own; a language first when one is given. */
export async function listCannedReplies(db: Db, actor: Actor, lang?: Lang): Promise<CannedReply[]> {
  const me = userIdOf(actor);
  const rows = await db
    .selectFrom('canned_replies')
    .selectAll()
    .where((eb) =>
      me ? eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', me)]) : eb('owner_id', 'is', null),
    )
    .execute();
  const order = (row: ReplyRow) => (lang && row.lang === lang ? 0 : 1 + LANGS.indexOf(row.lang));
  return rows
    .sort((a, b) => order(a) - order(b) || a.title.localeCompare(b.title, a.lang) || a.id.localeCompare(b.id))
    .map((row) => present(actor, row));
}

export async function createCannedReply(
  db: Db,
  actor: Actor,
  input: CannedReplyInput,
  now: Date,
): Promise<CannedReply> {
  const me = userIdOf(actor);
  if (input.scope === 'shared' && !hasRole(actor, 'supervisor')) {
    throw new AppError('forbidden', 'only a supervisor or owner may add a shared reply', 'scope');
  }
  if (input.scope === 'personal' && !me) {
    throw new AppError('forbidden', 'a personal reply belongs to a signed-in person', 'scope');
  }
  const row = await db
    .insertInto('canned_replies')
    .values({
      id: newId(),
      lang: input.lang,
      title: input.title,
      body: input.body,
      owner_id: input.scope === 'shared' ? null : me,
      created_by: me,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (row.owner_id === null) {
    await recordAudit(db, actor, { action: 'reply.create', targetType: 'canned_reply', targetId: row.id });
  }
  return present(actor, row);
}

async function editableRow(db: Db, actor: Actor, id: string): Promise<ReplyRow> {
  const row = await db.selectFrom('canned_replies').selectAll().where('id', '=', id).executeTakeFirst();
  // Another agent's personal reply is not theirs to see, so it is as if it did not exist.
  if (!row || (row.owner_id !== null && row.owner_id !== userIdOf(actor))) throw notFound('canned reply', id);
  if (!canEdit(actor, row))
    throw new AppError('forbidden', 'only a supervisor or owner may change a shared reply');
  return row;
}

export async function updateCannedReply(
  db: Db,
  actor: Actor,
  id: string,
  patch: CannedReplyPatch,
  now: Date,
): Promise<CannedReply> {
  const row = await editableRow(db, actor, id);
  const updated = await db
    .updateTable('canned_replies')
    .set({ ...patch, updated_at: now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (row.owner_id === null) {
    await recordAudit(db, actor, {
      action: 'reply.update',
      targetType: 'canned_reply',
      targetId: id,
      details: { changed: Object.keys(patch) },
    });
  }
  return present(actor, updated);
}

export async function deleteCannedReply(db: Db, actor: Actor, id: string): Promise<void> {
  const row = await editableRow(db, actor, id);
  await db.deleteFrom('canned_replies').where('id', '=', row.id).execute();
  if (row.owner_id === null) {
    await recordAudit(db, actor, { action: 'reply.delete', targetType: 'canned_reply', targetId: id });
  }
}

function formatDay(date: Date, lang: Lang, timeZone: string): string {
  const locale = { pl: 'pl-PL', et: 'et-EE', en: 'en-GB' }[lang];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(date);
}

const LANGUAGE_OF = (value: string | null): Lang | undefined => LANGS.find((lang) => lang === value);

/**
 * The saved replies for a case, its language first, each written out for it: the customer's name, the
 * case reference, the agent, today and the earliest date we promised, with the gendered forms chosen.
 */
export async function repliesForCase(db: Db, actor: Actor, caseId: string, now: Date): Promise<CaseReplies> {
  const item = await db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .select([
      'cases.id',
      'cases.language',
      'customers.name',
      'customers.language as customer_language',
      'customers.salutation',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!item) throw notFound('case', caseId);
  const me = userIdOf(actor);
  const [settings, user, promise, thread] = await Promise.all([
    getSettings(db),
    me
      ? db
          .selectFrom('users')
          .select(['name', 'signature', 'grammatical_gender'])
          .where('id', '=', me)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom('commitments')
      .select('due_at')
      .where('case_id', '=', caseId)
      .where('status', '=', 'open')
      .where('who', '=', 'us')
      .orderBy('due_at')
      .executeTakeFirst(),
    mailThreadOf(db, caseId),
  ]);
  const lang =
    LANGUAGE_OF(item.language) ?? LANGUAGE_OF(item.customer_language) ?? settings.languages[0] ?? 'en';
  const forms: { speaker: SpeakerForm | null; addressee: Salutation | null } = {
    speaker: user?.grammatical_gender ?? null,
    addressee: item.salutation,
  };
  const replies = await listCannedReplies(db, actor, lang);
  const valuesIn = (replyLang: Lang): ReplyValues => ({
    customer_name: item.name,
    customer_first_name: item.name.trim().split(/\s+/)[0] ?? '',
    case_ref: `#${item.id.slice(0, 8)}`,
    agent_name: user?.name ?? '',
    business_name: settings.name,
    today: formatDay(now, replyLang, settings.timeZone),
    due_date: promise ? formatDay(new Date(promise.due_at), replyLang, settings.timeZone) : '',
  });
  return {
    lang,
    forms,
    signature: signatureText(user, settings.name),
    mailed: thread !== null,
    items: replies.map((reply) => ({
      ...reply,
      ...fillReply(reply.body, reply.lang, valuesIn(reply.lang), forms),
    })),
  };
}

/** What goes out under an e-mailed reply: the person's own signature, else their name and the business's. */
export function signatureText(
  user: { name: string; signature: string | null } | undefined,
  business: string,
): string {
  if (user?.signature?.trim()) return user.signature.trim();
  return [user?.name, business].filter(Boolean).join('\n');
}
