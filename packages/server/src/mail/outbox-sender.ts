import type { DeliveryProblem } from '@calmdesk/contracts';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/database.ts';
import type { JobDefinition } from '../jobs/job-runner.ts';
import { getSettings } from '../settings/settings.service.ts';
import { classifyMailError } from './mail-errors.ts';
import { loadMailboxConnections, type MailboxConnection } from './mailboxes.service.ts';
import {
  type ClaimedMail,
  claimDueMail,
  markMailAttemptFailed,
  markMailSent,
  threadReplyAddress,
} from './outbox.service.ts';

export interface DeliveryOptions {
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  now?: () => Date;
  /** How often the outbox is swept for mail queued by another process or due for a retry. */
  sweepMs?: number;
  /** How long a claimed mail is left to its sender before another may take it. */
  leaseMs?: number;
  /** The first retry's wait; each next one doubles it, up to an hour. */
  firstRetryMs?: number;
}

/** The background job that delivers the outbox, and the SMTP connections it keeps between runs. */
export interface OutboxDelivery {
  job: JobDefinition;
  close(): void;
}

/** After this many attempts a mail is failed for good (with the last reason), about a day of retries. */
export const MAX_ATTEMPTS = 10;
const MAX_RETRY_MS = 60 * 60_000;
const BATCH = 10;
/** The job's name: kicked when this process queues a mail, so a reply leaves at once. */
export const DELIVER_MAIL_JOB = 'mail.deliver';

/**
 * Delivers the outbox as a background job: on a schedule (mail queued by another process, retries
 * due), and at once when this process queues a mail (the caller kicks the job). Each mail has its own
 * attempts: a failed one waits with exponential backoff; an SMTP server's permanent refusal (5xx) or
 * the last attempt fails the mail with the reason, which the case shows. The job itself fails only
 * when the database does.
 */
export function outboxDelivery(db: Db, options: DeliveryOptions): OutboxDelivery {
  const settings = {
    now: options.now ?? (() => new Date()),
    leaseMs: options.leaseMs ?? 2 * 60_000,
    firstRetryMs: options.firstRetryMs ?? 30_000,
    log: options.log,
  };
  const transports = new TransportCache();
  return {
    job: {
      name: DELIVER_MAIL_JOB,
      everyMs: options.sweepMs ?? 5_000,
      maxAttempts: 3,
      retryMs: 2_000,
      async run() {
        while ((await deliverDueMail(db, transports, settings)) > 0);
      },
    },
    close: () => transports.close(),
  };
}

interface DeliverySettings {
  now: () => Date;
  leaseMs: number;
  firstRetryMs: number;
  log: DeliveryOptions['log'];
}

/** Delivers the mail due now (one batch); the answer is how many were tried. */
export async function deliverDueMail(
  db: Db,
  transports: TransportCache,
  settings: DeliverySettings,
): Promise<number> {
  const due = await claimDueMail(db, settings.now(), settings.leaseMs, BATCH);
  if (due.length === 0) return 0;
  const [mailboxes, organisation] = await Promise.all([loadMailboxConnections(db), getSettings(db)]);
  const byId = new Map(mailboxes.map((m) => [m.id, m]));
  for (const mail of due) {
    const mailbox = byId.get(mail.mailboxId);
    try {
      if (!mailbox?.smtp) throw noSmtp();
      await transports.for(mailbox).sendMail(compose(mail, mailbox, organisation.name));
      await markMailSent(db, mail.id, settings.now());
    } catch (error) {
      const failure = describeSmtpError(error);
      const final = isPermanent(error) || mail.attempts >= MAX_ATTEMPTS;
      const wait = Math.min(settings.firstRetryMs * 2 ** (mail.attempts - 1), MAX_RETRY_MS);
      settings.log.warn(
        { mail: mail.id, reason: failure.reason, problem: failure.problem, final },
        'a mail was not delivered',
      );
      await markMailAttemptFailed(
        db,
        mail.id,
        failure,
        final ? null : new Date(settings.now().getTime() + wait),
      );
    }
  }
  return due.length;
}

/** The mail as the customer receives it: plain text, an HTML alternative of the same text, threaded. */
function compose(mail: ClaimedMail, mailbox: MailboxConnection, businessName: string) {
  const bracket = (id: string) => `<${id}>`;
  return {
    from: { name: businessName, address: mailbox.address },
    to: mail.to,
    replyTo: mail.caseId
      ? threadReplyAddress({
          mailboxAddress: mailbox.address,
          secret: mailbox.replySecret,
          caseId: mail.caseId,
        })
      : undefined,
    subject: mail.subject,
    text: mail.body,
    html: textAsHtml(mail.body),
    messageId: bracket(mail.messageId),
    inReplyTo: mail.inReplyTo ? bracket(mail.inReplyTo) : undefined,
    references: mail.references.length > 0 ? mail.references.map(bracket) : undefined,
    // RFC 3834: mail no person wrote says so, and asks other robots not to answer it.
    headers: mail.autoSubmitted
      ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }
      : {},
  };
}

/** The text as HTML: escaped, paragraphs and line breaks kept, the signature after its `-- ` line dimmed. */
export function textAsHtml(text: string): string {
  const escapeHtml = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const [message = '', ...signature] = text.split(/\n-- \n/);
  const paragraphs = message
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const signed =
    signature.length > 0
      ? `\n<p style="color:#555">${escapeHtml(signature.join('\n-- \n')).replace(/\n/g, '<br>')}</p>`
      : '';
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${paragraphs}${signed}</body></html>`;
}

/** A failure no retry can mend, with its code. */
class PermanentFailure extends Error {
  constructor(
    readonly problem: DeliveryProblem,
    reason: string,
  ) {
    super(reason);
  }
}

function noSmtp(): PermanentFailure {
  return new PermanentFailure('no_smtp', 'the mailbox has no outgoing server (SMTP) set');
}

function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentFailure) return true;
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 && code !== 535;
}

/** Why a delivery failed: its code, a reason in English (logs, the API) and the SMTP server's own words. */
export interface DeliveryFailure {
  problem: DeliveryProblem;
  reason: string;
  detail: string | null;
}

/**
 * What the agent reads on the reply: the server's refusal (5xx for good, 4xx for now) in its own words,
 * else why the server could not be used; never a password.
 */
export function describeSmtpError(error: unknown): DeliveryFailure {
  if (error instanceof PermanentFailure)
    return { problem: error.problem, reason: error.message, detail: null };
  const e = error as { code?: string; responseCode?: number; response?: string };
  if (e.responseCode && e.code !== 'EAUTH') {
    const said = (e.response ?? String(e.responseCode)).slice(0, 500);
    return {
      problem: e.responseCode >= 500 ? 'refused' : 'deferred',
      reason: `the SMTP server refused the mail: ${said}`.slice(0, 500),
      detail: said,
    };
  }
  const described = classifyMailError(error, { server: 'SMTP' });
  return {
    // Only a folder check says `folder`; sending has none.
    problem: described.problem === 'folder' ? 'other' : described.problem,
    reason: `SMTP server: ${described.reason}`,
    detail: described.detail,
  };
}

/** One SMTP transport per mailbox, made again when its server or password changes. */
export class TransportCache {
  private readonly transports = new Map<string, { key: string; transport: Transporter }>();

  for(mailbox: MailboxConnection): Transporter {
    const smtp = mailbox.smtp;
    if (!smtp) throw noSmtp();
    const key = JSON.stringify(smtp);
    const cached = this.transports.get(mailbox.id);
    if (cached?.key === key) return cached.transport;
    cached?.transport.close();
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.protocol === 'smtps',
      auth: { user: smtp.user, pass: smtp.password },
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    this.transports.set(mailbox.id, { key, transport });
    return transport;
  }

  close(): void {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
  }
}
