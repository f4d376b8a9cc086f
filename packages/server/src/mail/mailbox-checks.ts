import {
  type ConnectionCheck,
  parseServerUrl,
  type ServerAddress,
  type ServerTest,
  type ServerTestResult,
} from '@calmdesk/contracts';
import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { type Actor, requireRole } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { classifyMailError, withoutPassword } from './mail-errors.ts';
import { loadMailboxConnection } from './mailboxes.service.ts';

/** How long a server may take to answer a test, all steps together. */
export const CHECK_TIMEOUT_MS = 10_000;

/** Tries the servers of a mailbox not yet added (owner): IMAP sign-in and folder, SMTP sign-in. */
export async function checkServers(
  actor: Actor,
  input: ServerTest,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<ServerTestResult> {
  requireRole(actor, 'owner', 'test a mailbox');
  const imap = parseServerUrl(input.imap, ['imap', 'imaps']);
  const smtp = input.smtp ? parseServerUrl(input.smtp, ['smtp', 'smtps']) : null;
  return checkBoth(imap, smtp, timeoutMs);
}

/** Tries a stored mailbox's servers with its stored passwords (owner). */
export async function checkStoredMailbox(
  db: Db,
  actor: Actor,
  id: string,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<ServerTestResult> {
  requireRole(actor, 'owner', 'test a mailbox');
  const mailbox = await loadMailboxConnection(db, id);
  return checkBoth(mailbox.imap, mailbox.smtp, timeoutMs);
}

async function checkBoth(
  imap: ServerAddress,
  smtp: ServerAddress | null,
  timeoutMs: number,
): Promise<ServerTestResult> {
  const [imapCheck, smtpCheck] = await Promise.all([
    checkImap(imap, timeoutMs),
    smtp ? checkSmtp(smtp, timeoutMs) : null,
  ]);
  return { imap: imapCheck, smtp: smtpCheck };
}

/** Signs in over IMAP and opens the folder read-only (EXAMINE), as the poller would, then logs out. */
export async function checkImap(
  server: ServerAddress,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<ConnectionCheck> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: server.protocol === 'imaps',
    auth: { user: server.user, pass: server.password },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableAutoIdle: true,
  });
  // Without a listener an error event would crash the process; the awaited call reports it.
  client.on('error', () => {});
  let closed = false;
  client.on('close', () => {
    closed = true;
  });
  let signedIn = false;
  const attempt = async (): Promise<ConnectionCheck> => {
    await client.connect();
    signedIn = true;
    await client.mailboxOpen(server.folder, { readOnly: true });
    await client.logout();
    return { ok: true, problem: null, reason: null, detail: null };
  };
  try {
    return await withinTime(attempt(), timeoutMs, 'IMAP');
  } catch (error) {
    if (error instanceof TimedOut) return failed(server, 'timeout', error.message, null);
    const described = classifyMailError(error, { server: 'IMAP', connectionClosed: closed });
    if (signedIn && !closed && described.problem === 'other') {
      return failed(
        server,
        'folder',
        `the folder "${server.folder}" could not be opened: ${described.reason}`,
        described.detail,
      );
    }
    return failed(server, described.problem, described.reason, described.detail);
  } finally {
    client.close();
  }
}

/** Connects to the SMTP server and signs in (nodemailer's verify), sending nothing. */
export async function checkSmtp(
  server: ServerAddress,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<ConnectionCheck> {
  const transport = createTransport({
    host: server.host,
    port: server.port,
    secure: server.protocol === 'smtps',
    auth: { user: server.user, pass: server.password },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await withinTime(transport.verify(), timeoutMs, 'SMTP');
    return { ok: true, problem: null, reason: null, detail: null };
  } catch (error) {
    if (error instanceof TimedOut) return failed(server, 'timeout', error.message, null);
    const described = classifyMailError(error, { server: 'SMTP' });
    return failed(server, described.problem, described.reason, described.detail);
  } finally {
    transport.close();
  }
}

function failed(
  server: ServerAddress,
  problem: ConnectionCheck['problem'],
  reason: string,
  detail: string | null,
): ConnectionCheck {
  return {
    ok: false,
    problem,
    reason: withoutPassword(reason, server.password),
    detail: detail === null ? null : withoutPassword(detail, server.password),
  };
}

class TimedOut extends Error {}

/** The work's answer, or TimedOut when it takes longer; the work is left to fail quietly. */
function withinTime<T>(work: Promise<T>, ms: number, server: 'IMAP' | 'SMTP'): Promise<T> {
  work.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new TimedOut(
            `no answer from the ${server} server within ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
