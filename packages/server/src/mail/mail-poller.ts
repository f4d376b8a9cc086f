import { ImapFlow } from 'imapflow';
import type { Db } from '../db/database.ts';
import { processReceivedMail, type RawMail, storeRawMails } from './ingest-mail.ts';
import { classifyMailError, type MailServerProblem, withoutPassword } from './mail-errors.ts';
import {
  loadMailboxConnections,
  type MailboxConnection,
  markMailboxFailing,
  markMailboxSynced,
  readSyncPoint,
  saveSyncPoint,
} from './mailboxes.service.ts';

export interface PollerOptions {
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  now?: () => Date;
  /** A full check even when IDLE reports nothing (and the interval when the server has no IDLE). */
  pollMs?: number;
  /** How often the list of mailboxes is read again, so a mailbox added while running starts. */
  rescanMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface MailPoller {
  stop(): Promise<void>;
}

/**
 * Reads every mailbox over IMAP while the server runs: one independent loop per mailbox (connect,
 * take new mail, wait for IDLE news or the poll interval; on failure mark the mailbox `error` with
 * the reason and retry with exponential backoff). Nothing here can throw into the server. Kept apart
 * from the HTTP server so a job queue can run the same loop later.
 */
export function startMailPolling(db: Db, options: PollerOptions): MailPoller {
  const settings = {
    now: options.now ?? (() => new Date()),
    pollMs: options.pollMs ?? 60_000,
    minBackoffMs: options.minBackoffMs ?? 1_000,
    maxBackoffMs: options.maxBackoffMs ?? 5 * 60_000,
    log: options.log,
  };
  const stopping = new AbortController();
  const loops = new Map<string, Promise<void>>();
  const rescan = async () => {
    try {
      for (const mailbox of await loadMailboxConnections(db)) {
        if (loops.has(mailbox.id) || stopping.signal.aborted) continue;
        loops.set(mailbox.id, runMailbox(db, mailbox, settings, stopping.signal));
      }
    } catch (error) {
      settings.log.warn({ err: error }, 'could not read the mailboxes');
    }
  };
  void rescan();
  // Reading the mailbox list is one small query: a mailbox added while the server runs is read within seconds.
  const timer = setInterval(() => void rescan(), options.rescanMs ?? 5_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      stopping.abort();
      // A loop stuck connecting to an unreachable host must not hold the shutdown.
      const grace = new AbortController();
      await Promise.race([Promise.all(loops.values()), sleep(STOP_GRACE_MS, grace.signal)]);
      grace.abort();
    },
  };
}

const STOP_GRACE_MS = 5_000;

type Settings = Required<Omit<PollerOptions, 'rescanMs'>>;

/** One pass over a mailbox: connect, take the new mail into cases, disconnect; the failure is thrown. */
export async function syncMailboxOnce(
  db: Db,
  mailbox: MailboxConnection,
  now: () => Date = () => new Date(),
) {
  const client = imapClientOf(mailbox);
  client.on('error', () => {});
  try {
    await client.connect();
    await client.mailboxOpen(mailbox.imap.folder, { readOnly: true });
    await syncMailbox(db, client, mailbox, now);
  } finally {
    client.close();
  }
}

function imapClientOf(mailbox: MailboxConnection): ImapFlow {
  return new ImapFlow({
    host: mailbox.imap.host,
    port: mailbox.imap.port,
    secure: mailbox.imap.protocol === 'imaps',
    auth: { user: mailbox.imap.user, pass: mailbox.imap.password },
    logger: false,
    // IDLE right after each sync (imapflow waits 15 s by default): new mail is taken within a second.
    autoIdleDelay: 500,
  });
}

async function runMailbox(db: Db, mailbox: MailboxConnection, settings: Settings, signal: AbortSignal) {
  let backoff = settings.minBackoffMs;
  while (!signal.aborted) {
    const client = imapClientOf(mailbox);
    // An error event without a listener would crash the process; the loop below handles the failure.
    client.on('error', () => {});
    let closed = false;
    client.on('close', () => {
      closed = true;
    });
    let opening = false;
    try {
      await client.connect();
      opening = true;
      // EXAMINE: read-only, so CalmDesk never changes a flag another client relies on.
      await client.mailboxOpen(mailbox.imap.folder, { readOnly: true });
      opening = false;
      while (!signal.aborted) {
        await syncMailbox(db, client, mailbox, settings.now);
        await markMailboxSynced(db, mailbox.id, settings.now());
        backoff = settings.minBackoffMs;
        await waitForNews(client, settings.pollMs, signal);
      }
    } catch (error) {
      if (signal.aborted) break;
      const failure = describeMailboxFailure(error, mailbox, { connectionClosed: closed, opening });
      settings.log.warn(
        { mailbox: mailbox.address, reason: failure.reason, problem: failure.problem },
        'mailbox failed; retrying',
      );
      await markMailboxFailing(db, mailbox.id, failure, settings.now()).catch(() => {});
      await sleep(backoff, signal);
      backoff = Math.min(backoff * 2, settings.maxBackoffMs);
    } finally {
      client.close();
    }
  }
}

/**
 * Why a mailbox's loop failed, never with its password. A command cut off by a dropped connection
 * fails with its own words ("No mailbox is selected"), so those are left out; a refusal while the
 * folder was being opened, signed in and connected, is the folder's.
 */
export function describeMailboxFailure(
  error: unknown,
  mailbox: Pick<MailboxConnection, 'imap'>,
  state: { connectionClosed: boolean; opening: boolean },
): MailServerProblem {
  const described = classifyMailError(error, { server: 'IMAP', connectionClosed: state.connectionClosed });
  const failure =
    state.opening && !state.connectionClosed && described.problem === 'other'
      ? {
          problem: 'folder' as const,
          reason: `the folder "${mailbox.imap.folder}" could not be opened: ${described.reason}`,
          detail: described.detail,
        }
      : described;
  const password = mailbox.imap.password;
  return {
    problem: failure.problem,
    reason: withoutPassword(failure.reason, password),
    detail: failure.detail === null ? null : withoutPassword(failure.detail, password),
  };
}

/** Raw mails stored in one statement: up to this many, or until they reach this size. */
const STORE_BATCH_MAILS = 100;
const STORE_BATCH_BYTES = 8 * 1024 * 1024;

/** Stores every message above the last UID taken, then processes what was stored. */
async function syncMailbox(db: Db, client: ImapFlow, mailbox: MailboxConnection, now: () => Date) {
  // NOOP makes the server report what arrived since the last command (its EXISTS), IDLE or not.
  await client.noop();
  const opened = client.mailbox;
  if (!opened) throw new Error(`folder ${mailbox.imap.folder} is not open`);
  const uidValidity = String(opened.uidValidity);
  const point = await readSyncPoint(db, mailbox.id);
  const from = point.uidValidity === uidValidity ? BigInt(point.lastUid) + 1n : 1n;
  let highest = from - 1n;
  if (opened.exists > 0) {
    // Stored in batches (one statement each), all before any is processed: a crash loses none.
    let batch: RawMail[] = [];
    let bytes = 0;
    for await (const message of client.fetch(`${from}:*`, { uid: true, source: true }, { uid: true })) {
      const uid = BigInt(message.uid);
      // `n:*` answers with the last message even when its UID is below n.
      if (uid < from || !message.source) continue;
      batch.push({ uidValidity, uid: String(uid), raw: message.source });
      bytes += message.source.byteLength;
      if (uid > highest) highest = uid;
      if (batch.length >= STORE_BATCH_MAILS || bytes >= STORE_BATCH_BYTES) {
        await storeRawMails(db, mailbox.id, batch, now());
        batch = [];
        bytes = 0;
      }
    }
    await storeRawMails(db, mailbox.id, batch, now());
  }
  if (highest >= from || point.uidValidity !== uidValidity) {
    await saveSyncPoint(db, mailbox.id, uidValidity, String(highest));
  }
  await processReceivedMail(db, mailbox.id, now);
}

/** Resolves on new mail (IDLE's EXISTS), after `ms`, or on stop; rejects when the connection closes. */
function waitForNews(client: ImapFlow, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      client.off('exists', onExists);
      client.off('close', onClose);
      signal.removeEventListener('abort', onExists);
    };
    const onExists = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the IMAP server closed the connection'));
    };
    const timer = setTimeout(onExists, ms);
    client.on('exists', onExists);
    client.on('close', onClose);
    signal.addEventListener('abort', onExists);
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
