import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { CLI_ACTOR } from '../../src/local/local.service.ts';
import { addMailbox } from '../../src/mail/mailboxes.service.ts';
import { type Dovecot, shouldRunImapTests, startDovecot } from '../../src/testing/dovecot.ts';
import { freePort } from '../../src/testing/serve-process.ts';
import { TEST_DATABASES } from '../../src/testing/test-app.ts';
import { apiClient, crashAllServers, createStore, type Store, startServerProcess } from './server-process.ts';

/** A mailbox's mail by state, as GET /api/mailboxes/:id gives it. */
interface MailCounts {
  received: number;
  processed: number;
  ignored: number;
  failed: number;
}

/** Mails in the mailbox when the server starts; it is killed once this many are in cases. */
const MAILS = 300;
const KILL_AFTER = 60;

const stores: Store[] = [];
const dovecots: Dovecot[] = [];
afterEach(async () => {
  await crashAllServers();
  await Promise.all(stores.splice(0).map((store) => store.remove()));
  await Promise.all(dovecots.splice(0).map((dovecot) => dovecot.close()));
});

function customerMail(n: number): string {
  const customer = n % 30;
  return [
    `From: Customer ${customer} <customer${customer}@example.test>`,
    'To: support@salon.example',
    `Subject: Order ${1000 + n}`,
    `Message-ID: <crash-${n}@example.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Order ${1000 + n} has not arrived. Please tell me when it will come.`,
    '',
  ].join('\r\n');
}

/** Polls a condition (no fixed sleeps): resolves with its first truthy value, fails after `ms`. */
async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Adds the mailbox while no server holds the store. */
async function addSupportMailbox(store: Store, imapUrl: string): Promise<string> {
  const database = await openDatabase({
    databaseUrl: store.kind === 'postgres' ? process.env.DATABASE_URL : undefined,
    dataDir: store.dataDir,
    schema: store.schema,
  });
  try {
    return (
      await addMailbox(
        database.db,
        CLI_ACTOR,
        { address: 'support@salon.example', imap: imapUrl },
        new Date(),
      )
    ).id;
  } finally {
    await database.close();
  }
}

/** What the store holds once no server runs: every mail's state and case, and each case's entries. */
async function readIntake(store: Store) {
  const database = await openDatabase({
    databaseUrl: store.kind === 'postgres' ? process.env.DATABASE_URL : undefined,
    dataDir: store.dataDir,
    schema: store.schema,
  });
  try {
    const mails = await database.db
      .selectFrom('mail_messages')
      .select(['message_id', 'state', 'case_id'])
      .execute();
    const entries = await database.db
      .selectFrom('interactions')
      .select(['case_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('case_id')
      .execute();
    return { mails, entries: new Map(entries.map((row) => [row.case_id, Number(row.n)])) };
  } finally {
    await database.close();
  }
}

/** Every mail once, processed, in a case of its own holding it as its one entry. */
function expectEachMailInOneCase(intake: Awaited<ReturnType<typeof readIntake>>, messageIds: string[]) {
  expect(intake.mails.map((m) => m.message_id).sort()).toEqual([...messageIds].sort());
  expect(intake.mails.filter((m) => m.state !== 'processed')).toEqual([]);
  const cases = intake.mails.map((m) => m.case_id);
  expect(new Set(cases).size).toBe(messageIds.length);
  expect(intake.entries.size).toBe(messageIds.length);
  for (const caseId of cases) expect(intake.entries.get(caseId ?? '')).toBe(1);
}

describe.skipIf(!shouldRunImapTests()).each(TEST_DATABASES)(
  'mail intake killed with kill -9 (%s)',
  (kind) => {
    it(`takes each of ${MAILS} mails from Dovecot into exactly one case across a kill -9 and a restart`, {
      timeout: 300_000,
    }, async () => {
      const dovecot = await startDovecot();
      dovecots.push(dovecot);
      await dovecot.appendMany(Array.from({ length: MAILS }, (_, n) => customerMail(n)));
      const store = await createStore(kind);
      stores.push(store);
      const mailboxId = await addSupportMailbox(store, dovecot.imapUrl);

      const counts = async (server: { url: string }) =>
        (await apiClient(server, store.token)<{ counts: MailCounts }>('GET', `/api/mailboxes/${mailboxId}`))
          .body.counts;
      const first = await startServerProcess(store);
      const before = await eventually(
        async () => {
          const now = await counts(first);
          return now.processed >= KILL_AFTER ? now : undefined;
        },
        `${KILL_AFTER} mails in cases`,
        120_000,
      );
      await first.crash();
      expect(first.child.signalCode).toBe('SIGKILL');
      expect(before.processed).toBeLessThan(MAILS);

      const second = await startServerProcess(store);
      let last: MailCounts | undefined;
      await eventually(
        async () => {
          last = await counts(second);
          return last.processed === MAILS;
        },
        `all ${MAILS} mails in cases`,
        180_000,
      ).catch((error: Error) => {
        throw new Error(
          `${error.message}; last counts ${JSON.stringify(last)}; the server wrote:\n${second.output().slice(-4000)}`,
        );
      });
      await second.stop();

      const intake = await readIntake(store);
      expectEachMailInOneCase(
        intake,
        Array.from({ length: MAILS }, (_, n) => `crash-${n}@example.test`),
      );
    });
  },
);

describe.each(TEST_DATABASES)('the SMTP listener of calmdesk serve (%s)', (kind) => {
  it('starts and stops with the server, and after a kill -9 every mail answered 250 is in exactly one case', {
    timeout: 300_000,
  }, async () => {
    const store = await createStore(kind);
    stores.push(store);
    // No IMAP server answers there: the mail comes in by SMTP only.
    const mailboxId = await addSupportMailbox(store, 'imap://support:pw@127.0.0.1:1/INBOX');
    const smtpPort = await freePort();
    const args = ['--smtp-port', String(smtpPort)];
    const first = await startServerProcess(store, { args });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 4,
    });
    const accepted: string[] = [];
    let killing: Promise<void> | undefined;
    const send = async (n: number) => {
      const raw = customerMail(n);
      try {
        await transport.sendMail({ envelope: { from: 'x@example.test', to: 'support@salon.example' }, raw });
      } catch {
        return; // not answered 250: the sender still has it and would try again
      }
      accepted.push(`crash-${n}@example.test`);
      if (accepted.length === KILL_AFTER) killing = first.crash();
    };
    // Four senders at once, so mails are mid-transfer and mid-processing when the process dies.
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < MAILS && !first.child.signalCode) await send(next++);
      }),
    );
    await killing;
    transport.close();
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(accepted.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const second = await startServerProcess(store, { args });
    const counts = async () =>
      (await apiClient(second, store.token)<{ counts: MailCounts }>('GET', `/api/mailboxes/${mailboxId}`))
        .body.counts;
    // What was stored but not processed before the kill is processed when the listener starts again.
    const settled = await eventually(
      async () => {
        const now = await counts();
        return now.received === 0 && now.processed >= accepted.length ? now : undefined;
      },
      'the stored mail to be processed',
      120_000,
    );
    await second.stop();
    // The port is free again once the server stopped.
    const reconnect = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true });
    await expect(reconnect.verify()).rejects.toMatchObject({ code: 'ESOCKET' });

    const intake = await readIntake(store);
    // Mails stored in the moment between their 250 being written and the kill may be there unacknowledged.
    const stored = intake.mails.map((m) => m.message_id ?? '');
    expect(stored.length).toBe(settled.processed);
    expect(accepted.filter((id) => !stored.includes(id))).toEqual([]);
    expect(stored.length - accepted.length).toBeLessThanOrEqual(4);
    expectEachMailInOneCase(intake, stored);
  });
});
