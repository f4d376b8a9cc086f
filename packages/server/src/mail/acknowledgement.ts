import type { Lang } from '@calmdesk/analysis';
import type { Db } from '../db/database.ts';
import { getSettings } from '../settings/settings.service.ts';
import { type MailThread, outboxInsert, replySubject } from './outbox.service.ts';
import type { ParsedMail } from './parse-mail.ts';

/** One acknowledgement per sender in this time at most: a robot that hides what it is cannot loop with us. */
const ONE_PER_SENDER_MS = 24 * 60 * 60_000;

const TEXTS: Record<Lang, (reference: string, business: string) => string> = {
  pl: (reference, business) =>
    `Dzień dobry,\n\ndziękujemy za wiadomość. Dotarła do nas i ma numer ${reference}. Odpowiemy najszybciej, jak to możliwe.\nJeśli chcą Państwo coś dodać, wystarczy odpowiedzieć na tę wiadomość.\n\nPozdrawiamy\n${business}`,
  et: (reference, business) =>
    `Tere!\n\nAitäh kirja eest. See jõudis meieni ja sai numbri ${reference}. Vastame esimesel võimalusel.\nKui soovite midagi lisada, vastake lihtsalt sellele kirjale.\n\nLugupidamisega\n${business}`,
  en: (reference, business) =>
    `Hello,\n\nThank you for your message. It has reached us as case ${reference}, and we will answer as soon as we can.\nIf you would like to add anything, simply reply to this mail.\n\nKind regards,\n${business}`,
};

/**
 * Queues the acknowledgement of a mail that opened a case, when its mailbox sends them: in the
 * customer's language (else the business's first), marked `Auto-Submitted: auto-replied` (RFC 3834).
 * Never to one of our own mailboxes, never when the sender asked for no automatic answers, and at most
 * once a day per sender. Runs in the transaction that opened the case; the answer says whether one was queued.
 */
export async function queueAcknowledgement(
  db: Db,
  mailbox: { id: string; address: string; secret: string; acknowledge: boolean },
  mail: ParsedMail,
  opened: { caseId: string; subject: string; language: string | null },
  now: Date,
): Promise<boolean> {
  const to = mail.from?.address.toLowerCase();
  // Most mailboxes do not acknowledge: then a new case costs no query here.
  if (!mailbox.acknowledge || !to || suppressesAutoReplies(mail)) return false;
  const [ours, recent, settings] = await Promise.all([
    db.selectFrom('mailboxes').select('id').where('address', '=', to).executeTakeFirst(),
    db
      .selectFrom('mail_outbox')
      .select('id')
      .where('kind', '=', 'acknowledgement')
      .where('to_address', '=', to)
      .where('created_at', '>', new Date(now.getTime() - ONE_PER_SENDER_MS))
      .executeTakeFirst(),
    getSettings(db),
  ]);
  if (ours || recent) return false;
  const lang = languageFor(opened.language, settings.languages);
  const thread: MailThread = {
    mailboxId: mailbox.id,
    mailboxAddress: mailbox.address,
    secret: mailbox.secret,
    caseId: opened.caseId,
    subject: replySubject(opened.subject, opened.caseId),
    to,
    inReplyTo: mail.messageId,
    references: mail.messageId ? [mail.messageId] : [],
  };
  const body = TEXTS[lang](`[#${opened.caseId.slice(0, 8)}]`, settings.name);
  await outboxInsert(
    db,
    thread,
    { kind: 'acknowledgement', interactionId: null, body, autoSubmitted: true },
    now,
  ).execute();
  return true;
}

/** Exchange's X-Auto-Response-Suppress and RFC 3834's own advice: the sender wants no automatic answer. */
function suppressesAutoReplies(mail: ParsedMail): boolean {
  const suppress = (mail.headers.get('x-auto-response-suppress') ?? []).join(',').toLowerCase();
  return /\b(all|autoreply)\b/.test(suppress);
}

function languageFor(detected: string | null, languages: readonly string[]): Lang {
  for (const lang of [detected, ...languages])
    if (lang === 'pl' || lang === 'et' || lang === 'en') return lang;
  return 'en';
}
