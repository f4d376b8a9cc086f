import type { ParsedMail } from './parse-mail.ts';

export type MailClass =
  | { kind: 'mail' }
  | { kind: 'auto_reply'; reason: string }
  | { kind: 'bounce'; reason: string };

const SYSTEM_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)$/i;

/**
 * Whether a person wrote the mail. Auto-replies (RFC 3834 Auto-Submitted, Precedence bulk/junk/list,
 * X-Autoreply/X-Autorespond) and bounces (multipart/report, mailer-daemon) never open a case and are
 * never answered, so two robots cannot mail each other forever.
 */
export function classifyMail(mail: ParsedMail): MailClass {
  const header = (name: string) => (mail.headers.get(name) ?? []).map((v) => v.trim().toLowerCase());
  const contentType = header('content-type')[0] ?? '';
  const localPart = mail.from?.address.split('@')[0] ?? '';
  if (/^multipart\/report/.test(contentType) || SYSTEM_SENDERS.test(localPart)) {
    return { kind: 'bounce', reason: bounceReason(mail) };
  }
  const submitted = header('auto-submitted').find((v) => v !== '' && !v.startsWith('no'));
  if (submitted) return { kind: 'auto_reply', reason: `Auto-Submitted: ${submitted}` };
  const precedence = header('precedence').find((v) => /^(bulk|junk|list|auto_reply)\b/.test(v));
  if (precedence) return { kind: 'auto_reply', reason: `Precedence: ${precedence}` };
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    if (header(name).some((v) => v !== '' && v !== 'no'))
      return { kind: 'auto_reply', reason: `${name} set` };
  }
  return { kind: 'mail' };
}

/** The DSN's Status and Diagnostic-Code, else its subject: what the owner reads as the reason. */
function bounceReason(mail: ParsedMail): string {
  const report = mail.attachments.find((a) => /delivery-status/.test(a.contentType));
  const text = report?.content ? new TextDecoder().decode(report.content) : '';
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  const status = /^Status:\s*(.+)$/im.exec(unfolded)?.[1]?.trim();
  const diagnostic = /^Diagnostic-Code:\s*(.+)$/im.exec(unfolded)?.[1]?.trim();
  const parts = [status && `status ${status}`, diagnostic].filter(Boolean);
  return (parts.length > 0 ? parts.join(': ') : mail.subject || 'undelivered mail').slice(0, 500);
}
