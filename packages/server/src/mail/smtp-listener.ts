import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../db/database.ts';
import { processReceivedMail, storeSmtpMail } from './ingest-mail.ts';

export interface SmtpListenerOptions {
  host: string;
  /** 0: any free port (the listener tells which). */
  port: number;
  /** The largest message taken, in bytes: announced as SIZE, answered 552 above it. */
  maxBytes: number;
  /** PEM files; with them STARTTLS is offered, without them it is not. */
  tls?: { keyFile: string; certFile: string } | undefined;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  now?: () => Date;
}

export interface SmtpListener {
  host: string;
  port: number;
  /** Takes no new connection, lets open ones finish (at most 10 s), and waits for the mail taken to be processed. */
  stop(): Promise<void>;
}

/** How long open SMTP sessions may go on once the server stops. */
const CLOSE_GRACE_MS = 10_000;

/**
 * Receives mail by SMTP as the MX (or forwarding target) of the mailboxes' addresses: a recipient is
 * taken when it is a mailbox's address or one of its plus-addresses (`local+anything@domain`), every
 * other one is refused with 550. No authentication: mail for our own addresses is what an MX takes.
 * A message is stored raw (storeSmtpMail) before the sender is told 250, and processed afterwards,
 * so a crash after the 250 loses nothing: what is stored and not yet processed is processed when the
 * listener starts again.
 */
export async function startSmtpListener(db: Db, options: SmtpListenerOptions): Promise<SmtpListener> {
  const now = options.now ?? (() => new Date());
  const processing = new Map<string, Promise<void>>();
  const again = new Set<string>();
  // One run at a time per mailbox: a run that starts while one is going would only find the same mail.
  const processSoon = (mailboxId: string) => {
    if (processing.has(mailboxId)) {
      again.add(mailboxId);
      return;
    }
    const run = (async () => {
      do {
        again.delete(mailboxId);
        await processReceivedMail(db, mailboxId, now).catch((error: unknown) =>
          options.log.warn({ err: error, mailboxId }, 'could not process the mail received by SMTP'),
        );
      } while (again.has(mailboxId));
    })().finally(() => processing.delete(mailboxId));
    processing.set(mailboxId, run);
  };

  const server = new SMTPServer({
    banner: 'CalmDesk',
    size: options.maxBytes,
    // An MX takes mail for its own addresses from anyone: there is nobody to authenticate.
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls
      ? { key: readFileSync(options.tls.keyFile), cert: readFileSync(options.tls.certFile) }
      : {}),
    logger: false,
    closeTimeout: CLOSE_GRACE_MS,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error) => void) {
      findMailbox(db, address.address).then(
        (mailboxId) =>
          callback(
            mailboxId
              ? undefined
              : smtpError(
                  550,
                  `${address.address}: no such mailbox here; this server takes mail for its mailboxes only`,
                ),
          ),
        (error: unknown) => {
          options.log.warn({ err: error }, 'could not read the mailboxes for an SMTP recipient');
          callback(smtpError(451, 'cannot check the recipient now; try again later'));
        },
      );
    },
    onData(stream: Readable & { sizeExceeded?: boolean }, session: SMTPServerSession, callback) {
      readMessage(stream, options.maxBytes).then(
        async (raw) => {
          if (raw === null) {
            callback(
              smtpError(552, `the message is larger than the ${options.maxBytes} bytes this server takes`),
            );
            return;
          }
          try {
            const taken = await storeForRecipients(db, session, raw, now());
            callback(null, 'OK: message taken');
            for (const mailboxId of taken) processSoon(mailboxId);
          } catch (error) {
            options.log.warn({ err: error }, 'could not store a mail received by SMTP');
            callback(smtpError(451, 'cannot store the message now; try again later'));
          }
        },
        (error: unknown) =>
          callback(smtpError(451, `the message could not be read: ${(error as Error).message}`)),
      );
    },
  });
  server.on('error', (error) => options.log.warn({ err: error }, 'SMTP connection error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  options.log.info({ host: options.host, port }, 'receiving mail by SMTP');

  // Mail stored but not processed when the last run stopped (a crash right after the 250) goes on now.
  for (const { mailbox_id } of await db
    .selectFrom('mail_messages')
    .select('mail_messages.mailbox_id')
    .where('state', '=', 'received')
    .distinct()
    .execute()) {
    processSoon(mailbox_id);
  }

  return {
    host: options.host,
    port,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      while (processing.size > 0) await Promise.all(processing.values());
    },
  };
}

/** The mailbox an address belongs to: its own address or a plus-address of it (`support+x@…`). */
async function findMailbox(db: Db, address: string): Promise<string | null> {
  const wanted = address.trim().toLowerCase();
  const at = wanted.lastIndexOf('@');
  if (at <= 0) return null;
  const local = wanted.slice(0, at);
  const plus = local.indexOf('+');
  const base = plus > 0 ? `${local.slice(0, plus)}${wanted.slice(at)}` : wanted;
  const row = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('address', 'in', [...new Set([wanted, base])])
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Stores the message once for each mailbox among its recipients, with the trace headers an MTA adds
 * (Return-Path, Delivered-To, Received): Delivered-To keeps a plus-address that was only in the
 * envelope, so a reply sent to our signed reply address by Bcc still joins its case.
 */
async function storeForRecipients(
  db: Db,
  session: SMTPServerSession,
  raw: Buffer,
  now: Date,
): Promise<string[]> {
  const byMailbox = new Map<string, string[]>();
  for (const rcpt of session.envelope.rcptTo) {
    const mailboxId = await findMailbox(db, rcpt.address);
    if (mailboxId) byMailbox.set(mailboxId, [...(byMailbox.get(mailboxId) ?? []), rcpt.address]);
  }
  const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const received =
    `Received: from ${session.hostNameAppearsAs || 'unknown'} (${session.remoteAddress})\r\n` +
    `\tby CalmDesk with ${session.transmissionType || 'SMTP'}; ${now.toUTCString()}\r\n`;
  for (const [mailboxId, recipients] of byMailbox) {
    const trace = [
      `Return-Path: <${mailFrom}>\r\n`,
      ...recipients.map((rcpt) => `Delivered-To: ${rcpt}\r\n`),
      received,
    ].join('');
    await storeSmtpMail(db, mailboxId, Buffer.concat([Buffer.from(trace, 'latin1'), raw]), now);
  }
  return [...byMailbox.keys()];
}

/** The whole message, or null when it is over the limit (read to its end, never kept whole). */
async function readMessage(
  stream: Readable & { sizeExceeded?: boolean },
  maxBytes: number,
): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).byteLength;
    if (size <= maxBytes) chunks.push(chunk as Buffer);
    else chunks.length = 0;
  }
  if (stream.sizeExceeded || size > maxBytes) return null;
  return Buffer.concat(chunks, size);
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}
